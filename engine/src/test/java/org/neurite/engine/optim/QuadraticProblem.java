package org.neurite.engine.optim;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuParameter;
import org.neurite.engine.tensor.CpuTensor;

/**
 * A small fixed objective for optimizer tests: {@code sum(h * p² / 2 - t * p)} over a weight
 * {@code [2, 3]} and a bias {@code [3]}, whose gradient {@code h * p - t} is set directly each
 * step, in float32, exactly as the reference script does in PyTorch.
 */
final class QuadraticProblem {

    static final float[] W0 = {0.5f, -1.2f, 0.8f, 1.5f, -0.3f, 2.0f};
    static final float[] HW = {1.0f, 2.0f, 0.5f, 1.5f, 3.0f, 0.8f};
    static final float[] TW = {0.1f, -0.4f, 0.3f, 0.2f, 0.5f, -0.6f};
    static final float[] B0 = {0.3f, -0.7f, 1.1f};
    static final float[] HB = {2.5f, 0.6f, 1.2f};
    static final float[] TB = {0.2f, 0.1f, -0.3f};

    final Map<String, Parameter> parameters = new LinkedHashMap<>();

    QuadraticProblem() {
        parameters.put("0.weight", parameter(W0, Shape.of(2, 3), true));
        parameters.put("0.bias", parameter(B0, Shape.of(3), true));
    }

    static Parameter parameter(float[] values, Shape shape, boolean trainable) {
        return new CpuParameter(CpuTensor.wrap(values.clone(), shape), trainable);
    }

    static void setGradient(Parameter p, float[] gradient) {
        p.zeroGradient();
        CpuTensor.of(p.value()).accumulateGrad(gradient);
    }

    /** Sets the gradients at the current point and lets the optimizer take one step. */
    void step(Optimizer optimizer) {
        setGradient(parameters.get("0.weight"), gradient(parameters.get("0.weight").data(), HW, TW));
        setGradient(parameters.get("0.bias"), gradient(parameters.get("0.bias").data(), HB, TB));
        optimizer.step(parameters);
    }

    /** @return the weight's values followed by the bias's */
    float[] values() {
        float[] w = parameters.get("0.weight").data();
        float[] b = parameters.get("0.bias").data();
        float[] out = new float[w.length + b.length];
        System.arraycopy(w, 0, out, 0, w.length);
        System.arraycopy(b, 0, out, w.length, b.length);
        return out;
    }

    private static float[] gradient(float[] p, float[] h, float[] t) {
        float[] g = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            g[i] = h[i] * p[i] - t[i];
        }
        return g;
    }
}
