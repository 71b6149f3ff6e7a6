package org.neurite.engine.optim.clip;

import java.util.Map;

import org.neurite.api.GradientClipper;
import org.neurite.api.Parameter;
import org.neurite.engine.options.OptionChecks;

/**
 * Limits every gradient element to {@code [-clipValue, clipValue]}, as
 * {@code torch.nn.utils.clip_grad_value_}.
 *
 * @param clipValue the largest magnitude allowed, a finite number > 0
 */
public record ValueClipper(double clipValue) implements GradientClipper {

    /** Checks the range. */
    public ValueClipper {
        OptionChecks.positive("clip_value", clipValue);
    }

    @Override
    public String name() {
        return "value";
    }

    /** @return the largest gradient magnitude before clipping (NaN if a gradient is NaN) */
    @Override
    public double clip(Map<String, Parameter> parameters) {
        float limit = (float) clipValue;
        double largest = 0;
        for (Parameter p : parameters.values()) {
            float[] g = Gradients.of(p);
            if (g == null) {
                continue;
            }
            for (int i = 0; i < g.length; i++) {
                float v = g[i];
                largest = Math.max(largest, Math.abs(v)); // NaN, once seen, stays
                g[i] = Math.max(-limit, Math.min(limit, v)); // and NaN stays NaN, as in PyTorch
            }
        }
        return largest;
    }
}
