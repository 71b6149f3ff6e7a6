package org.neurite.engine.check;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Finite-difference gradient checks for ops, activations, losses and layers.
 *
 * <p>For a function {@code f} of some inputs, it backpropagates a fixed random weighting
 * {@code w} of the output ({@code L = sum(w * f(x))}) and compares every analytic gradient
 * element with the central difference {@code (L(x + h) - L(x - h)) / 2h}, evaluated in double
 * precision from the float outputs. Relative error {@code |a - n| / (|a| + |n|)} must be below
 * the tolerance, unless both differ by less than an absolute floor (as DL4J's checker does).
 * Large inputs are checked on an even sample. A failure is an {@link AssertionError} naming the
 * input, the element and both values, so any test framework reports it.
 */
public final class GradientCheck {

    private double h = 1e-2;
    private double relTol = 2e-2;
    private double absFloor = 1e-3;
    private int maxChecksPerInput = 200;
    private final long seed = 42;

    private GradientCheck() {
    }

    /** @return a checker with defaults suited to float32 ops of moderate curvature */
    public static GradientCheck create() {
        return new GradientCheck();
    }

    /** @return this checker with another finite-difference step (default 1e-2) */
    public GradientCheck step(double step) {
        this.h = step;
        return this;
    }

    /** @return this checker with another relative tolerance (default 2e-2) */
    public GradientCheck tolerance(double relativeTolerance) {
        this.relTol = relativeTolerance;
        return this;
    }

    /** @return this checker with another absolute floor (default 1e-3) */
    public GradientCheck floor(double absoluteFloor) {
        this.absFloor = absoluteFloor;
        return this;
    }

    /** @return this checker checking at most {@code n} elements of each input (default 200) */
    public GradientCheck sample(int n) {
        this.maxChecksPerInput = n;
        return this;
    }

    /**
     * Checks the gradients of {@code f} with respect to every input.
     *
     * @param f the function under test; must be deterministic
     * @param inputs leaf tensors; they are marked as requiring a gradient
     * @throws AssertionError at the first element whose gradient is wrong
     */
    public void check(Function<List<CpuTensor>, Tensor> f, CpuTensor... inputs) {
        for (CpuTensor in : inputs) {
            if (!in.requiresGrad()) {
                in.requireGrad();
            }
            in.zeroGrad();
        }
        List<CpuTensor> args = List.of(inputs);
        CpuTensor out = CpuTensor.of(f.apply(args));
        float[] w = random(seed, out.shape().dims()).data();
        out.backward(CpuTensor.wrap(w, out.shape()));
        for (int t = 0; t < inputs.length; t++) {
            CpuTensor in = inputs[t];
            float[] analytic = in.gradArray() == null ? new float[in.size()] : in.gradArray().clone();
            float[] x = in.data();
            int stride = Math.max(1, x.length / maxChecksPerInput);
            for (int i = 0; i < x.length; i += stride) {
                float orig = x[i];
                x[i] = (float) (orig + h);
                double plus = weighted(f, args, w);
                x[i] = (float) (orig - h);
                double minus = weighted(f, args, w);
                x[i] = orig;
                double numeric = (plus - minus) / (2 * h);
                double a = analytic[i];
                double err = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-30);
                if (!(err <= relTol || Math.abs(a - numeric) <= absFloor)) {
                    throw new AssertionError("gradient of input " + t + " " + in.shape() + " at element " + i
                            + ": analytic " + a + ", numeric " + numeric + " (relative error " + err + ")");
                }
            }
        }
    }

    private static double weighted(Function<List<CpuTensor>, Tensor> f, List<CpuTensor> args, float[] w) {
        float[] y;
        try (var scope = CpuBackend.instance().noGrad()) {
            y = f.apply(args).toArray();
        }
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (double) w[i] * y[i];
        }
        return s;
    }

    /**
     * @param seed the seed
     * @param shape the shape
     * @return a tensor of uniform values in [-1, 1)
     */
    public static CpuTensor random(long seed, int... shape) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Shape s = Shape.of(shape);
        float[] v = new float[s.intSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return CpuTensor.wrap(v, s);
    }
}
