package org.neurite.engine.optim.clip;

import java.util.List;

import org.neurite.api.GradientClipper;
import org.neurite.api.GradientClipperProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.DescribedProvider;
import org.neurite.engine.options.OptionReader;

/** Provides {@code value}: {@link ValueClipper}, as {@code torch.nn.utils.clip_grad_value_}. */
public final class ValueClipperProvider extends DescribedProvider implements GradientClipperProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("clip_value", OptionType.NUMBER, "the largest magnitude of a gradient element, > 0"));

    /** The provider of {@code value}. */
    public ValueClipperProvider() {
        super("value", "Limits every gradient element to [-clip_value, clip_value].", OPTIONS);
    }

    @Override
    public GradientClipper create(Options options) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> new ValueClipper(in.number("clip_value")));
    }
}
