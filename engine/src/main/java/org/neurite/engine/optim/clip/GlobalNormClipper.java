package org.neurite.engine.optim.clip;

import java.util.Map;

import org.neurite.api.GradientClipper;
import org.neurite.api.Parameter;
import org.neurite.engine.options.OptionChecks;

/**
 * Scales the gradients of all trainable parameters together so that their joint L2 norm (as if
 * concatenated into one vector) is at most about {@code maxNorm}, as
 * {@code torch.nn.utils.clip_grad_norm_}: when {@code maxNorm / (norm + 1e-6) < 1}, every
 * gradient is multiplied by that factor. As in PyTorch, a non-finite norm is returned as it is
 * and spreads into the gradients rather than raising an error.
 *
 * @param maxNorm the largest norm allowed, a finite number > 0
 */
public record GlobalNormClipper(double maxNorm) implements GradientClipper {

    /** Checks the range. */
    public GlobalNormClipper {
        OptionChecks.positive("max_norm", maxNorm);
    }

    @Override
    public String name() {
        return "norm";
    }

    /** @return the norm of the gradients before clipping */
    @Override
    public double clip(Map<String, Parameter> parameters) {
        double sumOfSquares = 0;
        for (Parameter p : parameters.values()) {
            float[] g = Gradients.of(p);
            if (g != null) {
                sumOfSquares += sumOfSquares(g);
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (!(coefficient >= 1)) {
            float scale = (float) coefficient;
            for (Parameter p : parameters.values()) {
                float[] g = Gradients.of(p);
                if (g != null) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= scale;
                    }
                }
            }
        }
        return norm;
    }

    /** In four running sums, so that the additions do not wait on one another. */
    private static double sumOfSquares(float[] g) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= g.length; i += 4) {
            s0 += (double) g[i] * g[i];
            s1 += (double) g[i + 1] * g[i + 1];
            s2 += (double) g[i + 2] * g[i + 2];
            s3 += (double) g[i + 3] * g[i + 3];
        }
        for (; i < g.length; i++) {
            s0 += (double) g[i] * g[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
