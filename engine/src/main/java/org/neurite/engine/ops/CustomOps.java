package org.neurite.engine.ops;

import org.neurite.api.GradScope;
import org.neurite.api.OpBackward;
import org.neurite.api.OpGradients;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.autograd.GradMode;
import org.neurite.engine.autograd.SpareGradients;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Ops defined outside the engine (by plugins, through {@link org.neurite.api.Backend#custom}):
 * the caller computed the forward, and its {@link OpBackward} joins the graph exactly as a
 * built-in op's backward does.
 */
public final class CustomOps {

    private CustomOps() {
    }

    /**
     * @param name the op's name, for error messages
     * @param values the result, row-major; taken over
     * @param shape the result's shape
     * @param backward adds the inputs' gradients; it runs with gradient recording off
     * @param inputs the operands
     * @return the result, recorded when an input requires a gradient
     * @throws ShapeMismatchException if the values do not fill the shape
     * @throws IllegalArgumentException if an argument is missing or an input is {@code null}
     */
    public static CpuTensor record(String name, float[] values, Shape shape, OpBackward backward, Tensor... inputs) {
        if (name == null || values == null || shape == null || backward == null || inputs == null) {
            throw new IllegalArgumentException("custom op " + name + ": name, values, shape, backward and inputs"
                    + " are all needed");
        }
        if (values.length != shape.size()) {
            throw new ShapeMismatchException("custom op " + name + ": " + values.length + " values do not fill shape "
                    + shape + " (" + shape.size() + " elements)");
        }
        CpuTensor[] operands = new CpuTensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException("custom op " + name + ": input " + i + " is null");
            }
            operands[i] = CpuTensor.of(inputs[i]);
        }
        return CpuTensor.result(name, values, shape, g -> {
            // the op's code sees the gradient's array and may keep it: it is not lent again in this pass
            SpareGradients.keep(g);
            try (GradScope off = GradMode.disable()) {
                backward.backward(new Gradients(name, shape, g, operands));
            }
        }, operands);
    }

    /** The gradient arriving at a custom op, and the inputs it is passed on to. */
    private record Gradients(String name, Shape shape, float[] output, CpuTensor[] inputs) implements OpGradients {

        @Override
        public Tensor outputTensor() {
            return CpuTensor.wrap(output, shape);
        }

        @Override
        public boolean needs(int input) {
            return inputs[input].requiresGrad();
        }

        @Override
        public void add(int input, float[] gradient) {
            CpuTensor in = inputs[input];
            if (gradient.length != in.size()) {
                throw new ShapeMismatchException("custom op " + name + ": gradient of " + gradient.length
                        + " values for input " + input + " of shape " + in.shape());
            }
            if (in.requiresGrad()) {
                in.accumulateGrad(gradient);
            }
        }

        @Override
        public void add(int input, Tensor gradient) {
            CpuTensor in = inputs[input];
            if (!gradient.shape().equals(in.shape())) {
                throw new ShapeMismatchException("custom op " + name + ": gradient of shape " + gradient.shape()
                        + " for input " + input + " of shape " + in.shape());
            }
            if (in.requiresGrad()) {
                in.accumulateGrad(CpuTensor.of(gradient).data());
            }
        }
    }
}
