package org.neurite.engine.optim;

import java.util.Map;

import org.neurite.api.Parameter;

/** Rescales gradients before an optimizer step, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales the gradients of all trainable parameters together so that their joint L2 norm (as if
     * concatenated into one vector) is at most about {@code maxNorm}: when
     * {@code maxNorm / (norm + 1e-6) < 1}, every gradient is multiplied by that factor. Parameters
     * without a gradient and non-trainable ones are left out. As in PyTorch, a non-finite norm is
     * returned as it is and spreads into the gradients rather than raising an error.
     *
     * @param parameters the model's parameters, by name
     * @param maxNorm the largest norm allowed, > 0
     * @return the norm of the gradients before clipping
     * @throws IllegalArgumentException if {@code maxNorm} is not a finite number > 0
     */
    public static double clipByGlobalNorm(Map<String, Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("gradient clipping: max norm must be a finite number > 0, got " + maxNorm);
        }
        double sumOfSquares = 0;
        for (Parameter p : parameters.values()) {
            float[] g = gradient(p);
            if (g != null) {
                for (float v : g) {
                    sumOfSquares += (double) v * v;
                }
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (!(coefficient >= 1)) {
            float scale = (float) coefficient;
            for (Parameter p : parameters.values()) {
                float[] g = gradient(p);
                if (g != null) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= scale;
                    }
                }
            }
        }
        return norm;
    }

    private static float[] gradient(Parameter p) {
        return p.trainable() ? p.gradient() : null;
    }
}
