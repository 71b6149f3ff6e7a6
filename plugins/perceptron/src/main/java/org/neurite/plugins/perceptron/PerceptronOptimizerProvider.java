package org.neurite.plugins.perceptron;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.pf4j.Extension;

/**
 * {@code optimizer: perceptron} (or {@code {name: perceptron, lr: 0.5}}): Rosenblatt's update
 * {@code w -= lr * g}. With the {@code perceptron} loss, a {@code perceptron} layer and
 * {@code batch_size: 1} it is exactly the perceptron learning rule {@code w += lr (y - ŷ) x}.
 */
@Extension
public final class PerceptronOptimizerProvider implements OptimizerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("lr", OptionType.NUMBER, 1.0,
                    "Learning rate, > 0; with weights starting at 0 any rate gives the same decisions."));

    @Override
    public String name() {
        return PerceptronOptimizer.NAME;
    }

    @Override
    public String description() {
        return "Rosenblatt's perceptron update w -= lr * g, without momentum or state; with the perceptron loss"
                + " and batch_size 1 it is w += lr (y - y_hat) x, applied only on mistakes.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Optimizer create(Options options) {
        options.rejectUnknown(options());
        double lr = options.getDouble("lr", 1.0);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new OptionException(options.pathOf("lr"), "must be a finite number > 0, got " + lr);
        }
        return new PerceptronOptimizer(lr);
    }
}
