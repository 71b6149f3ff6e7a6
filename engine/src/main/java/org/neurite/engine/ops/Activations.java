package org.neurite.engine.ops;

import org.neurite.engine.kernel.Gelu;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Elementwise activation functions, each a tight loop over the values with a hand-written
 * backward. Transcendentals are computed in double and rounded once, and every function is
 * written so that large inputs ({@code ±1000}) give the limit value rather than NaN.
 */
public final class Activations {

    /** Elements per chunk below which a loop is not worth another thread. */
    private static final int CHUNK = 1 << 15;

    private Activations() {
    }

    /**
     * @param a the input
     * @return Heaviside step: 1 where {@code x >= 0}, else 0; its gradient is 0 everywhere
     */
    public static CpuTensor step(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                y[i] = x[i] >= 0 ? 1f : 0f;
            }
        });
        return CpuTensor.result("step", y, a.shape(), g -> a.accumulateGrad(new float[x.length]), a);
    }

    /**
     * @param a the input
     * @return {@code 1 / (1 + e^-x)}, exactly 0 or 1 far out
     */
    public static CpuTensor sigmoid(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                y[i] = (float) sigmoid(x[i]);
            }
        });
        return CpuTensor.result("sigmoid", y, a.shape(), g -> {
            float[] dx = new float[y.length];
            Parallel.forRange(y.length, CHUNK, (s, e) -> {
                for (int i = s; i < e; i++) {
                    dx[i] = g[i] * y[i] * (1f - y[i]);
                }
            });
            a.accumulateGrad(dx);
        }, a);
    }

    /**
     * @param a the input
     * @return the hyperbolic tangent
     */
    public static CpuTensor tanh(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                y[i] = (float) tanh(x[i]);
            }
        });
        return CpuTensor.result("tanh", y, a.shape(), g -> {
            float[] dx = new float[y.length];
            Parallel.forRange(y.length, CHUNK, (s, e) -> {
                for (int i = s; i < e; i++) {
                    dx[i] = g[i] * (1f - y[i] * y[i]);
                }
            });
            a.accumulateGrad(dx);
        }, a);
    }

    /**
     * @param a the input
     * @return {@code max(0, x)}; the gradient at 0 is 0, as in PyTorch
     */
    public static CpuTensor relu(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                y[i] = Math.max(x[i], 0f); // NaN stays NaN, -inf and -0 become 0
            }
        });
        return CpuTensor.result("relu", y, a.shape(), g -> piecewiseLinearBackward(a, g, 0f), a);
    }

    /**
     * {@code max(0, x)} written over the values of {@code a}, for a tensor only its caller holds
     * and through which no gradient flows (inference): no second array, one pass.
     *
     * @param a the input, which must not require a gradient
     * @return {@code a}, its values replaced
     * @throws IllegalArgumentException if {@code a} requires a gradient
     */
    public static CpuTensor reluInPlace(CpuTensor a) {
        if (a.requiresGrad()) {
            throw new IllegalArgumentException("reluInPlace: the tensor requires a gradient; use relu");
        }
        reluInPlace(a.data());
        return a;
    }

    /**
     * {@code x = max(0, x)} in place, as {@link #relu}: for an op that applies it to an output of its own.
     *
     * @param x the values, changed in place
     */
    static void reluInPlace(float[] x) {
        Parallel.forRange(x.length, CHUNK, (s, e) -> reluRange(x, s, e));
    }

    /**
     * ReLU in place over {@code x[start, end)}, on the calling thread (for kernels that apply it to
     * what they have just written).
     *
     * @param x the values, changed in place
     * @param start the first index
     * @param end the index after the last
     */
    static void reluRange(float[] x, int start, int end) {
        for (int i = start; i < end; i++) {
            x[i] = Math.max(x[i], 0f);
        }
    }

    /**
     * {@code g = x > 0 ? g : 0} in place: ReLU's backward given its input or its output (both
     * positive at the same places), as {@link #relu}'s backward computes it.
     *
     * @param g the gradient, changed in place
     * @param x the values whose sign decides
     */
    static void maskByPositive(float[] g, float[] x) {
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                g[i] *= positive(x[i]);
            }
        });
    }

    /**
     * @param a the input
     * @param slope the factor for negative inputs
     * @return {@code x} where {@code x > 0}, else {@code slope * x}; the gradient at 0 is {@code slope}
     */
    public static CpuTensor leakyRelu(CpuTensor a, float slope) {
        float[] x = a.data();
        float[] y = new float[x.length];
        float[] factor = slopes(slope);
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                float v = x[i];
                y[i] = v * factor[positive(v)];
            }
        });
        return CpuTensor.result("leaky_relu", y, a.shape(), g -> piecewiseLinearBackward(a, g, slope), a);
    }

    /**
     * The backward of relu and leaky relu: slope 1 above zero, {@code slope} elsewhere. The output's
     * gradient, which this step owns and which has the input's size, becomes the input's gradient
     * in place, so the step allocates nothing.
     */
    private static void piecewiseLinearBackward(CpuTensor a, float[] g, float slope) {
        float[] x = a.data();
        float[] factor = slopes(slope);
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                g[i] *= factor[positive(x[i])];
            }
        });
        a.adoptGrad(g);
    }

    /**
     * The factors of a piecewise linear function, indexed by {@link #positive}: {@code slope}
     * at 0 and 1 at 1. Multiplying by 1 leaves every value as it is, so
     * {@code v * factor[positive(v)]} is exactly {@code v > 0 ? v : v * slope}, without a branch.
     */
    private static float[] slopes(float slope) {
        return new float[] {slope, 1f};
    }

    /**
     * {@code v > 0 ? 1 : 0} (0 for NaN), from the bits alone. The signs of activations are as good
     * as random, and the JIT turns the comparison into a branch that is mispredicted on every
     * other element: relu's backward ran ten times slower that way.
     *
     * @param v any value
     * @return 1 if {@code v > 0}, else 0
     */
    static int positive(float v) {
        // v > 0 exactly when its bits, read as an int, lie in [1, 0x7F800000] (MIN_VALUE to +inf).
        // With u = bits - 1 that is 0 <= u < 0x7F800000: the sign bit of u clear and that of
        // u - 0x7F800000 set.
        int u = Float.floatToRawIntBits(v) - 1;
        return ((u - 0x7F800000) & ~u) >>> 31;
    }

    /**
     * @param a the input
     * @param alpha the scale of the negative part
     * @return {@code x} where {@code x > 0}, else {@code alpha * (e^x - 1)}
     */
    public static CpuTensor elu(CpuTensor a, float alpha) {
        float[] x = a.data();
        float[] y = new float[x.length];
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                float v = x[i];
                y[i] = v > 0 ? v : (float) (alpha * expm1(v));
            }
        });
        return CpuTensor.result("elu", y, a.shape(), g -> {
            float[] dx = new float[x.length];
            Parallel.forRange(x.length, CHUNK, (s, e) -> {
                for (int i = s; i < e; i++) {
                    float v = x[i];
                    dx[i] = v > 0 ? g[i] : (float) (g[i] * alpha * Math.exp(v));
                }
            });
            a.accumulateGrad(dx);
        }, a);
    }

    /**
     * @param a the input
     * @return the Gaussian error linear unit in its exact form {@code x * Phi(x)}, as PyTorch's
     *     default {@code gelu}
     */
    public static CpuTensor gelu(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        Parallel.forRange(x.length, CHUNK, (s, e) -> Gelu.forward(x, y, s, e));
        // nothing more is kept: the backward takes Phi(x) back from the output (y / x)
        // g is this op's own array (see Autograd.backward): the gradient is written over it and handed on
        return CpuTensor.result("gelu", y, a.shape(), g -> {
            Parallel.forRange(x.length, CHUNK, (s, e) -> Gelu.backward(x, y, g, g, s, e));
            a.adoptGrad(g);
        }, a);
    }

    /**
     * @param a the input
     * @return {@code x * sigmoid(x)} (swish)
     */
    public static CpuTensor silu(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                y[i] = (float) (x[i] * sigmoid(x[i]));
            }
        });
        return CpuTensor.result("silu", y, a.shape(), g -> {
            float[] dx = new float[x.length];
            Parallel.forRange(x.length, CHUNK, (s, e) -> {
                for (int i = s; i < e; i++) {
                    double v = x[i];
                    double sig = sigmoid(v);
                    dx[i] = (float) (g[i] * sig * (1 + v * (1 - sig)));
                }
            });
            a.accumulateGrad(dx);
        }, a);
    }

    /**
     * @param a the input
     * @return {@code log(1 + e^x)}, computed as {@code log1p(e^-|x|) + max(x, 0)} so that it
     *     neither overflows for large {@code x} nor loses the tiny values for very negative ones
     */
    public static CpuTensor softplus(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        Parallel.forRange(x.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                y[i] = (float) softplus(x[i]);
            }
        });
        return CpuTensor.result("softplus", y, a.shape(), g -> {
            float[] dx = new float[x.length];
            Parallel.forRange(x.length, CHUNK, (s, e) -> {
                for (int i = s; i < e; i++) {
                    dx[i] = (float) (g[i] * sigmoid(x[i]));
                }
            });
            a.accumulateGrad(dx);
        }, a);
    }

    // ---- scalar kernels, shared with the losses ------------------------------------------

    /**
     * @param x any value
     * @return {@code 1 / (1 + e^-x)}, evaluated on the side where the exponential cannot overflow
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * @param x any value
     * @return {@code tanh(x)} to double accuracy well beyond float32's, from one exponential
     */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < 1e-4) {
            return x; // tanh(x) = x - x^3/3 + ...: the cubic term is below float resolution
        }
        double e = Math.exp(-2 * ax);
        double t = (1 - e) / (1 + e);
        return x < 0 ? -t : t;
    }

    /**
     * @param x any value
     * @return {@code e^x - 1}, without the cancellation of the plain difference near 0
     */
    static double expm1(double x) {
        return Math.abs(x) < 1e-5 ? x * (1 + 0.5 * x) : Math.exp(x) - 1;
    }

    /**
     * @param x any value
     * @return {@code log(1 + e^x)} as {@code log1p(e^-|x|) + max(x, 0)}: no overflow for large
     *     {@code x}, and the tiny values for very negative {@code x} keep their relative accuracy
     */
    public static double softplus(double x) {
        double e = Math.exp(-Math.abs(x));
        // log1p(e) for e in (0, 1]; below 1e-4 the series' next term is under float resolution
        double log1p = e < 1e-4 ? e * (1 - 0.5 * e) : Math.log(1 + e);
        return log1p + Math.max(x, 0);
    }
}
