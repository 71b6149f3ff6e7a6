package org.neurite.engine.optim.clip;

import java.util.List;

import org.neurite.api.GradientClipper;
import org.neurite.api.GradientClipperProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.DescribedProvider;
import org.neurite.engine.options.OptionReader;

/** Provides {@code norm}: {@link GlobalNormClipper}, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class NormClipperProvider extends DescribedProvider implements GradientClipperProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("max_norm", OptionType.NUMBER, "the largest joint L2 norm of all gradients, > 0"));

    /** The provider of {@code norm}. */
    public NormClipperProvider() {
        super("norm", "Scales all gradients together so that their joint L2 norm is at most max_norm.", OPTIONS);
    }

    @Override
    public GradientClipper create(Options options) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> new GlobalNormClipper(in.number("max_norm")));
    }
}
