package org.neurite.engine.optim;

import java.util.List;

import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.options.OptionChecks;

/**
 * Adam and AdamW, as {@code torch.optim.Adam} and {@code torch.optim.AdamW}:
 * <pre>
 *   p = p * (1 - lr * weight_decay)                  (AdamW: decoupled decay)
 *   g = grad + weight_decay * p                      (Adam: L2 penalty)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g²
 *   v̂ = amsgrad ? (vmax = max(vmax, v)) : v
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v̂) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * where t counts this parameter's updates. With {@code decayMatricesOnly}, parameters of rank
 * below 2 (biases, norm scales) get no weight decay. Buffers: {@code exp_avg}, {@code exp_avg_sq} and,
 * with amsgrad, {@code max_exp_avg_sq}.
 */
public final class Adam extends StatefulOptimizer {

    /** The first moment. */
    public static final String EXP_AVG = "exp_avg";
    /** The second moment. */
    public static final String EXP_AVG_SQ = "exp_avg_sq";
    /** The running maximum of the second moment (amsgrad). */
    public static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    /**
     * The settings of Adam and AdamW; the constructor checks their ranges.
     *
     * @param lr the learning rate, > 0
     * @param beta1 the decay of the first moment, in [0, 1)
     * @param beta2 the decay of the second moment, in [0, 1)
     * @param eps the term added to the denominator, >= 0
     * @param weightDecay the weight decay factor, >= 0: an L2 penalty for Adam, decoupled for AdamW
     * @param amsgrad whether to normalize by the maximum of past second moments
     * @param decayMatricesOnly whether weight decay spares the parameters of rank below 2 (biases,
     *     layer-norm scales), as PyTorch training scripts do with two parameter groups
     */
    public record Settings(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
                           boolean decayMatricesOnly) {

        /** Checks the ranges. */
        public Settings {
            OptionChecks.positive("lr", lr);
            OptionChecks.fraction("beta1", beta1);
            OptionChecks.fraction("beta2", beta2);
            OptionChecks.nonNegative("eps", eps);
            OptionChecks.nonNegative("weight_decay", weightDecay);
        }

        /** Settings whose weight decay, if any, applies to every parameter. */
        public Settings(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
            this(lr, beta1, beta2, eps, weightDecay, amsgrad, false);
        }
    }

    /** The fewest values worth a thread of their own in an update. */
    private static final int VALUES_PER_CHUNK = 1 << 15;

    private final Settings settings;
    private final boolean decoupled;

    private Adam(String name, Settings settings, boolean decoupled) {
        super(name, settings.lr(), List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ));
        this.settings = settings;
        this.decoupled = decoupled;
    }

    /**
     * @param settings the settings; weight decay is an L2 penalty added to the gradient
     * @return Adam, named {@code adam}
     */
    public static Adam adam(Settings settings) {
        return new Adam("adam", settings, false);
    }

    /**
     * @param settings the settings; weight decay shrinks the parameters directly
     * @return AdamW, named {@code adamw}
     */
    public static Adam adamW(Settings settings) {
        return new Adam("adamw", settings, true);
    }

    /** @return the settings it was created with (the learning rate may have changed since) */
    public Settings settings() {
        return settings;
    }

    /** @return whether weight decay is decoupled from the gradient (AdamW) */
    public boolean decoupled() {
        return decoupled;
    }

    @Override
    protected void update(ParameterState state, float[] p, float[] grad) {
        int n = p.length;
        double lr = learningRate();
        long t = state.step();
        // Scalars as PyTorch forms them: in double, then used as float32 factors.
        float beta1 = (float) settings.beta1();
        float beta2 = (float) settings.beta2();
        float blend1 = (float) (1 - settings.beta1());
        float blend2 = (float) (1 - settings.beta2());
        float negStepSize = (float) -(lr / (1 - Math.pow(settings.beta1(), t)));
        float correction2Sqrt = (float) Math.sqrt(1 - Math.pow(settings.beta2(), t));
        float eps = (float) settings.eps();
        double weightDecay = settings.decayMatricesOnly() && state.rank() < 2 ? 0 : settings.weightDecay();
        float l2 = decoupled ? 0 : (float) weightDecay;
        float shrink = (float) (1 - lr * weightDecay);
        boolean decay = decoupled && weightDecay != 0;
        float[] m = state.buffer(EXP_AVG, n, 0);
        float[] v = state.buffer(EXP_AVG_SQ, n, 0);
        float[] vMax = settings.amsgrad() ? state.buffer(MAX_EXP_AVG_SQ, n, 0) : null;
        boolean plain = l2 == 0 && vMax == null;
        float plainShrink = decay ? shrink : 1f;
        // a pass over every value of the parameter: large ones are split over the kernels' threads
        Parallel.forRange(n, VALUES_PER_CHUNK, (start, end) -> {
            if (plain) {
                plainRange(start, end, p, grad, m, v, plainShrink, beta1, beta2, blend1, blend2, negStepSize,
                        correction2Sqrt, eps);
                return;
            }
            for (int i = start; i < end; i++) {
                if (decay) {
                    p[i] = p[i] * shrink;
                }
                float g = l2 == 0 ? grad[i] : Math.fma(l2, p[i], grad[i]);
                m[i] = Math.fma(blend1, g, m[i] * beta1);
                v[i] = Math.fma(blend2 * g, g, v[i] * beta2);
                float second = v[i];
                if (vMax != null) {
                    vMax[i] = Math.max(vMax[i], v[i]);
                    second = vMax[i];
                }
                float denom = (float) Math.sqrt(second) / correction2Sqrt + eps;
                p[i] = p[i] + negStepSize * m[i] / denom;
            }
        });
    }

    /**
     * The update without an L2 penalty or amsgrad, the same arithmetic as the general loop: a
     * loop without branches, which the JIT turns into vector instructions. AdamW's decoupled decay
     * is the factor {@code shrink}; without decay it is 1, which leaves every value as it is.
     */
    private static void plainRange(int start, int end, float[] p, float[] grad, float[] m, float[] v, float shrink,
            float beta1, float beta2, float blend1, float blend2, float negStepSize, float correction2Sqrt,
            float eps) {
        for (int i = start; i < end; i++) {
            float g = grad[i];
            float mi = Math.fma(blend1, g, m[i] * beta1);
            float vi = Math.fma(blend2 * g, g, v[i] * beta2);
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / correction2Sqrt + eps;
            float pi = p[i] * shrink;
            p[i] = pi + negStepSize * mi / denom;
        }
    }
}
