package org.neurite.engine.optim;

import java.util.List;

import org.neurite.engine.options.OptionChecks;

/**
 * RMSprop, as {@code torch.optim.RMSprop}:
 * <pre>
 *   g = grad + weight_decay * p
 *   square_avg = alpha * square_avg + (1 - alpha) * g²
 *   avg = sqrt(square_avg) + eps                 or, centered:
 *   grad_avg = alpha * grad_avg + (1 - alpha) * g;   avg = sqrt(square_avg - grad_avg²) + eps
 *   buf = momentum * buf + g / avg;  p = p - lr * buf     (momentum > 0)
 *   p = p - lr * g / avg                                   (otherwise)
 * </pre>
 * Note that eps is added outside the square root, as PyTorch does.
 */
public final class RmsProp extends StatefulOptimizer {

    /** The running average of squared gradients. */
    public static final String SQUARE_AVG = "square_avg";
    /** The running average of gradients (centered variant). */
    public static final String GRAD_AVG = "grad_avg";
    /** The momentum buffer. */
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    /**
     * The settings of RMSprop; the constructor checks their ranges.
     *
     * @param lr the learning rate, > 0
     * @param alpha the smoothing constant of the averages, in [0, 1)
     * @param eps the term added to the denominator, >= 0
     * @param weightDecay the L2 penalty factor added to the gradient, >= 0
     * @param momentum the momentum factor, in [0, 1)
     * @param centered whether to normalize by the estimated variance rather than the raw second moment
     */
    public record Settings(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {

        /** Checks the ranges. */
        public Settings {
            OptionChecks.positive("lr", lr);
            OptionChecks.fraction("alpha", alpha);
            OptionChecks.nonNegative("eps", eps);
            OptionChecks.nonNegative("weight_decay", weightDecay);
            OptionChecks.fraction("momentum", momentum);
        }
    }

    private final Settings settings;

    /** @param settings the settings */
    public RmsProp(Settings settings) {
        super("rmsprop", settings.lr(), List.of(SQUARE_AVG, GRAD_AVG, MOMENTUM_BUFFER));
        this.settings = settings;
    }

    /** @return the settings it was created with (the learning rate may have changed since) */
    public Settings settings() {
        return settings;
    }

    @Override
    protected void update(ParameterState state, float[] p, float[] grad) {
        int n = p.length;
        float alpha = (float) settings.alpha();
        float blend = (float) (1 - settings.alpha());
        float eps = (float) settings.eps();
        float weightDecay = (float) settings.weightDecay();
        float momentum = (float) settings.momentum();
        float negLr = (float) -learningRate();
        float[] squareAvg = state.buffer(SQUARE_AVG, n, 0);
        float[] gradAvg = settings.centered() ? state.buffer(GRAD_AVG, n, 0) : null;
        float[] buf = settings.momentum() > 0 ? state.buffer(MOMENTUM_BUFFER, n, 0) : null;
        for (int i = 0; i < n; i++) {
            float g = weightDecay == 0 ? grad[i] : Math.fma(weightDecay, p[i], grad[i]);
            squareAvg[i] = Math.fma(blend * g, g, squareAvg[i] * alpha);
            float avg;
            if (gradAvg != null) {
                gradAvg[i] = Math.fma(blend, g, gradAvg[i] * alpha);
                avg = (float) Math.sqrt(Math.fma(-gradAvg[i], gradAvg[i], squareAvg[i]));
            } else {
                avg = (float) Math.sqrt(squareAvg[i]);
            }
            avg = avg + eps;
            if (buf != null) {
                buf[i] = buf[i] * momentum + g / avg;
                p[i] = Math.fma(negLr, buf[i], p[i]);
            } else {
                p[i] = p[i] + negLr * g / avg;
            }
        }
    }
}
