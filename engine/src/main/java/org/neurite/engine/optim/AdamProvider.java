package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.engine.options.OptionReader;

/** Provides {@code adam}, as {@code torch.optim.Adam}: weight decay is an L2 penalty on the gradient. */
public final class AdamProvider extends OptionListProvider {

    private static final List<String> DECAY_CHOICES = List.of("all", "matrices");

    /** The provider of {@code adam}. */
    public AdamProvider() {
        super("adam", "Adam: adaptive moment estimation with bias correction, optional AMSGrad and L2 weight decay.",
                options(0.0, "L2 penalty: weight_decay * p is added to the gradient before the moments, >= 0"));
    }

    @Override
    Optimizer create(OptionReader in) {
        return Adam.adam(settings(in));
    }

    /** The options Adam and AdamW share, differing only in weight decay. */
    static List<OptionSpec> options(double defaultWeightDecay, String weightDecayMeaning) {
        return List.of(
                learningRate(0.001),
                OptionSpec.optional("beta1", OptionType.NUMBER, 0.9, "decay rate of the first moment, in [0, 1)"),
                OptionSpec.optional("beta2", OptionType.NUMBER, 0.999, "decay rate of the second moment, in [0, 1)"),
                OptionSpec.optional("eps", OptionType.NUMBER, 1e-8,
                        "added to the bias-corrected root of the second moment, >= 0"),
                OptionSpec.optional("weight_decay", OptionType.NUMBER, defaultWeightDecay, weightDecayMeaning),
                OptionSpec.optional("amsgrad", OptionType.BOOLEAN, false,
                        "normalize by the largest second moment seen so far (AMSGrad)"),
                OptionSpec.optional("decay", OptionType.STRING, "all",
                        "which parameters weight decay applies to: all, or matrices (rank 2 and more: weights,"
                                + " embeddings, kernels; not biases or norm scales)").oneOf(DECAY_CHOICES.toArray(String[]::new)));
    }

    static Adam.Settings settings(OptionReader in) {
        return new Adam.Settings(in.number("lr"), in.number("beta1"), in.number("beta2"), in.number("eps"),
                in.number("weight_decay"), in.flag("amsgrad"), in.choice("decay", DECAY_CHOICES).equals("matrices"));
    }
}
