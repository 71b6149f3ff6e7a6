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
}
