package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.OptionException;
import org.neurite.engine.options.OptionChecks;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2
 * weight decay, as {@code torch.optim.SGD}:
 * <pre>
 *   g = grad + weight_decay * p
 *   buf = g                                         (first step)
 *   buf = momentum * buf + (1 - dampening) * g      (later steps)
 *   g = nesterov ? g + momentum * buf : buf         (when momentum != 0)
 *   p = p - lr * g
 * </pre>
 * Without momentum and weight decay this is plain gradient descent, which is how {@code gd}
 * is built.
 */
public final class Sgd extends StatefulOptimizer {

    /** The buffer holding the momentum. */
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    /**
     * The settings of SGD; the constructor checks their ranges.
     *
     * @param lr the learning rate, > 0
     * @param momentum the momentum factor, in [0, 1)
     * @param dampening the dampening of new gradients in the momentum, in [0, 1]
     * @param weightDecay the L2 penalty factor added to the gradient, >= 0
     * @param nesterov whether to use Nesterov momentum (needs momentum > 0 and no dampening)
     */
    public record Settings(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {

        /** Checks the ranges. */
        public Settings {
            OptionChecks.positive("lr", lr);
            OptionChecks.fraction("momentum", momentum);
            OptionChecks.unitInterval("dampening", dampening);
            OptionChecks.nonNegative("weight_decay", weightDecay);
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new OptionException("nesterov", "Nesterov momentum needs momentum > 0 and dampening 0, got momentum "
                        + momentum + " and dampening " + dampening);
            }
        }

        /**
         * @param lr the learning rate
         * @return the settings of plain gradient descent
         */
        public static Settings plain(double lr) {
            return new Settings(lr, 0, 0, 0, false);
        }
    }

    private final Settings settings;

    /**
     * @param name the name it is registered under ({@code sgd}, or {@code gd} for the plain rule)
     * @param settings the settings
     */
    public Sgd(String name, Settings settings) {
        super(name, settings.lr(), List.of(MOMENTUM_BUFFER));
        this.settings = settings;
    }

    /** @return the settings it was created with (the learning rate may have changed since) */
    public Settings settings() {
        return settings;
    }

    @Override
    protected void update(ParameterState state, float[] p, float[] grad) {
        float weightDecay = (float) settings.weightDecay();
        float momentum = (float) settings.momentum();
        float negLr = (float) -learningRate();
        if (settings.momentum() == 0) {
            for (int i = 0; i < p.length; i++) {
                float g = weightDecay == 0 ? grad[i] : Math.fma(weightDecay, p[i], grad[i]);
                p[i] = Math.fma(negLr, g, p[i]);
            }
            return;
        }
        float keep = (float) (1 - settings.dampening());
        float[] buf = state.find(MOMENTUM_BUFFER);
        boolean first = buf == null;
        if (first) {
            buf = new float[p.length];
            state.put(MOMENTUM_BUFFER, buf);
        }
        for (int i = 0; i < p.length; i++) {
            float g = weightDecay == 0 ? grad[i] : Math.fma(weightDecay, p[i], grad[i]);
            buf[i] = first ? g : Math.fma(keep, g, buf[i] * momentum);
            float d = settings.nesterov() ? Math.fma(momentum, buf[i], g) : buf[i];
            p[i] = Math.fma(negLr, d, p[i]);
        }
    }
}
