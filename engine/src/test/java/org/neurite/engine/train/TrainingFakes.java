package org.neurite.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.Layer;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuParameter;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Small hand-written model, loss and optimizer for testing the trainer on its own: each
 * computes with plain loops and records its backward on the engine's autograd, so they do not
 * depend on the engine's ops.
 */
final class TrainingFakes {

    private TrainingFakes() {
    }

    /** {@code y = x w + b} for {@code x} of {@code [n, in]}, giving {@code [n, 1]}. */
    static final class LinearRegression implements Layer {
        final CpuParameter weight;
        final CpuParameter bias;
        final List<Mode> modes = new ArrayList<>();
        final List<float[]> inputs = new ArrayList<>();

        LinearRegression(int in) {
            weight = new CpuParameter(CpuTensor.wrap(new float[in], Shape.of(in)), true);
            bias = new CpuParameter(CpuTensor.wrap(new float[1], Shape.of(1)), true);
        }

        @Override
        public String type() {
            return "fake_linear";
        }

        @Override
        public Options options() {
            return Options.empty();
        }

        @Override
        public Shape outputShape(Shape inputShape) {
            return Shape.of(1);
        }

        @Override
        public Map<String, Parameter> parameters() {
            Map<String, Parameter> p = new LinkedHashMap<>();
            p.put("weight", weight);
            p.put("bias", bias);
            return p;
        }

        @Override
        public Tensor forward(Tensor input, Mode mode) {
            modes.add(mode);
            float[] x = input.toArray();
            inputs.add(x);
            int n = input.dim(0);
            int in = input.dim(1);
            float[] w = weight.data();
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                float s = bias.data()[0];
                for (int j = 0; j < in; j++) {
                    s += x[i * in + j] * w[j];
                }
                y[i] = s;
            }
            CpuTensor wt = CpuTensor.of(weight.value());
            CpuTensor bt = CpuTensor.of(bias.value());
            return CpuTensor.result("fake_linear", y, Shape.of(n, 1), g -> {
                float[] gw = new float[in];
                float[] gb = new float[1];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < in; j++) {
                        gw[j] += g[i] * x[i * in + j];
                    }
                    gb[0] += g[i];
                }
                wt.accumulateGrad(gw);
                bt.accumulateGrad(gb);
            }, wt, bt);
        }
    }

    /** Mean squared error over all elements. */
    static final class MeanSquaredError implements Loss {
        @Override
        public String name() {
            return "fake_mse";
        }

        @Override
        public Tensor compute(Tensor prediction, Tensor target) {
            float[] p = prediction.toArray();
            float[] t = target.toArray();
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s += (p[i] - t[i]) * (p[i] - t[i]);
            }
            CpuTensor pt = CpuTensor.of(prediction);
            return CpuTensor.result("fake_mse", new float[] {(float) (s / p.length)}, Shape.scalar(), g -> {
                float[] gp = new float[p.length];
                for (int i = 0; i < p.length; i++) {
                    gp[i] = g[0] * 2 * (p[i] - t[i]) / p.length;
                }
                pt.accumulateGrad(gp);
            }, pt);
        }
    }

    /** A model without parameters whose output is its input, recording the modes and gradient recording it ran with. */
    static final class Identity implements Layer {
        final List<Mode> modes = new ArrayList<>();
        final List<Boolean> gradEnabled = new ArrayList<>();

        @Override
        public String type() {
            return "fake_identity";
        }

        @Override
        public Options options() {
            return Options.empty();
        }

        @Override
        public Shape outputShape(Shape inputShape) {
            return inputShape;
        }

        @Override
        public Map<String, Parameter> parameters() {
            return Map.of();
        }

        @Override
        public Tensor forward(Tensor input, Mode mode) {
            modes.add(mode);
            gradEnabled.add(input.backend().isGradEnabled());
            return input;
        }
    }

    /** A loss that returns given values in turn, whatever the prediction. */
    static final class ScriptedLoss implements Loss {
        private final float[] values;
        private int next;

        ScriptedLoss(float... values) {
            this.values = values;
        }

        @Override
        public String name() {
            return "fake_scripted";
        }

        @Override
        public Tensor compute(Tensor prediction, Tensor target) {
            return CpuTensor.wrap(new float[] {values[next++]}, Shape.scalar());
        }
    }

    /** Plain gradient descent: {@code w -= lr * grad}. */
    static final class GradientDescent implements Optimizer {
        double learningRate;
        int steps;
        final List<Double> rates = new ArrayList<>();

        GradientDescent(double learningRate) {
            this.learningRate = learningRate;
        }

        @Override
        public String name() {
            return "fake_sgd";
        }

        @Override
        public void step(Map<String, Parameter> parameters) {
            steps++;
            rates.add(learningRate);
            for (Parameter p : parameters.values()) {
                float[] g = p.gradient();
                if (p.trainable() && g != null) {
                    float[] w = p.data();
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= (float) (learningRate * g[i]);
                    }
                }
            }
        }

        @Override
        public double learningRate() {
            return learningRate;
        }

        @Override
        public void setLearningRate(double learningRate) {
            this.learningRate = learningRate;
        }

        @Override
        public Map<String, float[]> state() {
            return Map.of("step", new float[] {steps});
        }

        @Override
        public void loadState(Map<String, float[]> state) {
            steps = (int) state.get("step")[0];
        }
    }

    /** Samples of {@code y = 2 x0 - 3 x1 + 0.5} plus a little noise, {@code x} uniform in [-1, 1]. */
    static Tensor[] linearData(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) random.nextDouble(-1, 1);
            x[2 * i + 1] = (float) random.nextDouble(-1, 1);
            y[i] = 2 * x[2 * i] - 3 * x[2 * i + 1] + 0.5f + (float) random.nextDouble(-0.01, 0.01);
        }
        return new Tensor[] {CpuTensor.wrap(x, Shape.of(n, 2)), CpuTensor.wrap(y, Shape.of(n, 1))};
    }
}
