package org.neurite.engine.loss;

import java.util.List;

import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code cross_entropy}, with option {@code label_smoothing} (default 0). */
public final class CrossEntropyProvider implements LossProvider {

    @Override
    public String name() {
        return "cross_entropy";
    }

    @Override
    public String description() {
        return "Softmax cross-entropy of logits [batch, classes] against class indices [batch], or [batch, time, classes]"
                + " against [batch, time]; averaged over the targets that are not -100 (padding).";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("label_smoothing", OptionType.NUMBER, 0.0,
                "Share of the target spread evenly over all classes, in [0, 1]."));
    }

    @Override
    public Loss create(Options options) {
        return new SoftmaxCrossEntropy(OptionReader.of(options, options()).floatBetween("label_smoothing", 0, 1));
    }
}
