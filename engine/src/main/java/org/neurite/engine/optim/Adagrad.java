package org.neurite.engine.optim;

import java.util.List;

import org.neurite.engine.options.OptionChecks;

/**
 * Adagrad, as {@code torch.optim.Adagrad}:
 * <pre>
 *   g = grad + weight_decay * p
 *   clr = lr / (1 + (t - 1) * lr_decay)
 *   sum = sum + g²                       (sum starts at initial_accumulator_value)
 *   p = p - clr * g / (sqrt(sum) + eps)
 * </pre>
 * where t counts this parameter's updates. Buffer: {@code sum}.
 */
public final class Adagrad extends StatefulOptimizer {

    /** The accumulated squared gradients. */
    public static final String SUM = "sum";

    /**
     * The settings of Adagrad; the constructor checks their ranges.
     *
     * @param lr the learning rate, > 0
     * @param lrDecay the decay of the learning rate with the step count, >= 0
     * @param weightDecay the L2 penalty factor added to the gradient, >= 0
     * @param initialAccumulatorValue the value the sum of squares starts at, >= 0
     * @param eps the term added to the denominator, >= 0
     */
    public record Settings(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {

        /** Checks the ranges. */
        public Settings {
            OptionChecks.positive("lr", lr);
            OptionChecks.nonNegative("lr_decay", lrDecay);
            OptionChecks.nonNegative("weight_decay", weightDecay);
            OptionChecks.nonNegative("initial_accumulator_value", initialAccumulatorValue);
            OptionChecks.nonNegative("eps", eps);
        }
    }

    private final Settings settings;

    /** @param settings the settings */
    public Adagrad(Settings settings) {
        super("adagrad", settings.lr(), List.of(SUM));
        this.settings = settings;
    }

    /** @return the settings it was created with (the learning rate may have changed since) */
    public Settings settings() {
        return settings;
    }

    @Override
    protected void update(ParameterState state, float[] p, float[] grad) {
        float negClr = (float) -(learningRate() / (1 + (state.step() - 1) * settings.lrDecay()));
        float weightDecay = (float) settings.weightDecay();
        float eps = (float) settings.eps();
        float[] sum = state.buffer(SUM, p.length, (float) settings.initialAccumulatorValue());
        for (int i = 0; i < p.length; i++) {
            float g = weightDecay == 0 ? grad[i] : Math.fma(weightDecay, p[i], grad[i]);
            sum[i] = Math.fma(g, g, sum[i]);
            float std = (float) Math.sqrt(sum[i]) + eps;
            p[i] = p[i] + negClr * g / std;
        }
    }
}
