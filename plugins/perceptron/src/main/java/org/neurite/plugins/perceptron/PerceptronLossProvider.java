package org.neurite.plugins.perceptron;

import java.util.List;

import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.pf4j.Extension;

/**
 * {@code loss: perceptron}: the error count per sample of 0/1 decisions, whose gradient is the
 * error {@code ŷ - y}; with the {@code perceptron} layer and optimizer it is Rosenblatt's rule.
 */
@Extension
public final class PerceptronLossProvider implements LossProvider {

    @Override
    public String name() {
        return PerceptronLoss.NAME;
    }

    @Override
    public String description() {
        return "Wrong 0/1 decisions per sample, sum((y_hat - y)^2) / batch, with gradient (y_hat - y) / batch: zero"
                + " when right; drives the perceptron rule. Targets: labels [batch] or the prediction's shape.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public Loss create(Options options) {
        options.rejectUnknown(options());
        return new PerceptronLoss();
    }
}
