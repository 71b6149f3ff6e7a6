package org.neurite.engine.activation;

import java.util.List;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/**
 * Provides {@code softmax} or {@code log_softmax}, with option {@code axis} (default -1, the
 * last axis).
 */
public final class SoftmaxProvider implements ActivationProvider {

    private static final int DEFAULT_AXIS = -1;

    private final boolean log;

    /**
     * @param log whether this provides {@code log_softmax} rather than {@code softmax}
     */
    public SoftmaxProvider(boolean log) {
        this.log = log;
    }

    @Override
    public String name() {
        return log ? "log_softmax" : "softmax";
    }

    @Override
    public String description() {
        return log
                ? "Logarithm of the softmax along one axis, computed stably as x - max - log(sum(exp(x - max)))."
                : "Softmax along one axis: exp(x) / sum(exp(x)), computed stably; the entries along the axis sum to 1.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("axis", OptionType.INTEGER, DEFAULT_AXIS,
                "Axis that is normalised; negative counts from the end."));
    }

    @Override
    public Activation create(Options options) {
        return new SoftmaxActivation(OptionReader.of(options, options()).integer("axis"), log);
    }
}
