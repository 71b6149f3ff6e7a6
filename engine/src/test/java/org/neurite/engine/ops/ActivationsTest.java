package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neurite.engine.Close.assertClose;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class ActivationsTest {

    /** Inputs from the far tails through zero; the values below are at these float32 points. */
    private static final float[] X = {-1000f, -20f, -3.5f, -1f, -0.25f, -1e-5f, 0f, 1e-5f, 0.5f, 2f, 20f, 1000f};

    // Reference values and gradients: torch 1.13, on X as float32 converted to float64,
    // y = f(x); y.sum().backward(), with f = torch.sigmoid, torch.tanh, torch.relu,
    // F.leaky_relu(x, 0.1), F.elu(x, 1.5), F.gelu (exact erf form), F.silu, F.softplus.
    private static final double[] SIGMOID = {
            0.0, 2.0611536181902037e-09, 0.02931223075135632, 0.2689414213699951, 0.43782349911420193,
            0.4999975000000632, 0.5, 0.5000024999999368, 0.6224593312018546, 0.8807970779778823,
            0.9999999979388463, 1.0,
    };
    private static final double[] SIGMOID_GRAD = {
            0.0, 2.0611536139418496e-09, 0.02845302387973556, 0.19661193324148185, 0.24613408273759835,
            0.24999999999375003, 0.25, 0.24999999999375, 0.2350037122015945, 0.10499358540350662,
            2.0611536879193953e-09, 0.0,
    };
    private static final double[] TANH = {
            -1.0, -1.0, -0.9981778976111987, -0.7615941559557649, -0.24491866240370913,
            -9.999999747045419e-06, 0.0, 9.999999747045419e-06, 0.46211715726000974, 0.9640275800758169, 1.0,
            1.0,
    };
    private static final double[] TANH_GRAD = {
            0.0, 0.0, 0.0036408847204873578, 0.41997434161402614, 0.940014848806378, 0.9999999999, 1.0,
            0.9999999999, 0.7864477329659274, 0.07065082485316443, 0.0, 0.0,
    };
    private static final double[] RELU = {
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 9.999999747378752e-06, 0.5, 2.0, 20.0, 1000.0,
    };
    private static final double[] RELU_GRAD = {
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    };
    private static final double[] LEAKY_RELU = {
            -100.0, -2.0, -0.35000000000000003, -0.1, -0.025, -9.999999747378752e-07, 0.0,
            9.999999747378752e-06, 0.5, 2.0, 20.0, 1000.0,
    };
    private static final double[] LEAKY_RELU_GRAD = {
            0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 1.0, 1.0, 1.0, 1.0, 1.0,
    };
    private static final double[] ELU = {
            -1.5, -1.4999999969082696, -1.4547039248665223, -0.9481808382428365, -0.3317988253928927,
            -1.4999924621394989e-05, 0.0, 9.999999747378752e-06, 0.5, 2.0, 20.0, 1000.0,
    };
    private static final double[] ELU_GRAD = {
            0.0, 3.0917304336578366e-09, 0.04529607513347775, 0.5518191617571635, 1.1682011746071073,
            1.4999850000753785, 1.5, 1.0, 1.0, 1.0, 1.0, 1.0,
    };
    private static final double[] GELU = {
            -0.0, -0.0, -0.0008142017766243903, -0.15865525393145702, -0.10032341857926907,
            -4.999959979463352e-06, 0.0, 5.0000397679154e-06, 0.34573123063700656, 1.9544997361036416, 20.0,
            1000.0,
    };
    private static final double[] GELU_GRAD = {
            0.0, -1.1041896724319527e-86, -0.0028217603536246205, -0.08331547058768635, 0.304626645116364,
            0.4999920211545938, 0.5, 0.5000079788454063, 0.8674951246561629, 1.085231801078197, 1.0, 1.0,
    };
    private static final double[] SILU = {
            -0.0, -4.122307236380407e-08, -0.10259280762974712, -0.2689414213699951, -0.10945587477855048,
            -4.9999748736906395e-06, 0.0, 5.000024873688113e-06, 0.3112296656009273, 1.7615941559557646,
            19.999999958776925, 1000.0,
    };
    private static final double[] SILU_GRAD = {
            -0.0, -3.9161918660646786e-08, -0.07027335282771814, 0.07232948812851325, 0.37628997842980233,
            0.4999950000001264, 0.5, 0.5000049999998736, 0.7399611873026519, 1.0907842487848955,
            1.0000000391619202, 1.0,
    };
    private static final double[] SOFTPLUS = {
            0.0, 2.061153620314381e-09, 0.029750418272620566, 0.31326168751822286, 0.5759394198788436,
            0.6931421805725716, 0.6931471805599453, 0.693152180572319, 0.9740769841801067, 2.1269280110429727,
            20.000000002061153, 1000.0,
    };
    private static final double[] SOFTPLUS_GRAD = {
            0.0, 2.0611536181902033e-09, 0.029312230751356316, 0.2689414213699951, 0.4378234991142019,
            0.49999750000006316, 0.5, 0.5000024999999368, 0.6224593312018546, 0.8807970779778824,
            0.9999999979388464, 1.0,
    };

    @Test
    void sigmoidMatchesTorch() {
        check("sigmoid", Tensor::sigmoid, SIGMOID, SIGMOID_GRAD);
    }

    @Test
    void tanhMatchesTorch() {
        check("tanh", Tensor::tanh, TANH, TANH_GRAD);
    }

    @Test
    void reluMatchesTorch() {
        check("relu", Tensor::relu, RELU, RELU_GRAD);
    }

    @Test
    void leakyReluMatchesTorch() {
        check("leaky_relu", x -> x.leakyRelu(0.1f), LEAKY_RELU, LEAKY_RELU_GRAD);
    }

    @Test
    void eluMatchesTorch() {
        check("elu", x -> x.elu(1.5f), ELU, ELU_GRAD);
    }

    @Test
    void geluMatchesTorchExactForm() {
        check("gelu", Tensor::gelu, GELU, GELU_GRAD);
    }

    @Test
    void siluMatchesTorch() {
        check("silu", Tensor::silu, SILU, SILU_GRAD);
    }

    @Test
    void softplusMatchesTorch() {
        check("softplus", Tensor::softplus, SOFTPLUS, SOFTPLUS_GRAD);
    }

    @Test
    void stepIsHeavisideWithZeroGradient() {
        CpuTensor x = CpuTensor.wrap(X.clone(), Shape.of(3, 4)).requireGrad();
        Tensor y = x.step();
        assertThat(y.toArray()).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
        y.backward(CpuTensor.wrap(ones(12), y.shape()));
        assertThat(x.grad().toArray()).containsOnly(0f);
    }

    @Test
    void everyActivationPassesTheGradientCheck() {
        // inputs kept at least 0.1 away from the kinks at 0, where the one-sided slopes differ
        CpuTensor kinkFree = awayFromZero(7, 4, 5);
        GradCheck.create().check(in -> in.get(0).relu(), kinkFree);
        GradCheck.create().check(in -> in.get(0).leakyRelu(0.2f), awayFromZero(8, 4, 5));
        GradCheck.create().check(in -> in.get(0).elu(1.5f), awayFromZero(9, 4, 5));
        GradCheck.create().check(in -> in.get(0).step(), awayFromZero(10, 4, 5));
        GradCheck.create().check(in -> in.get(0).sigmoid(), spread(11, 3f, 4, 5));
        GradCheck.create().check(in -> in.get(0).tanh(), spread(12, 2f, 4, 5));
        GradCheck.create().check(in -> in.get(0).gelu(), spread(13, 4f, 4, 5));
        GradCheck.create().check(in -> in.get(0).silu(), spread(14, 4f, 4, 5));
        GradCheck.create().check(in -> in.get(0).softplus(), spread(15, 4f, 4, 5));
    }

    @Test
    void nanPassesThroughInsteadOfTurningIntoANumber() {
        CpuTensor x = CpuTensor.wrap(new float[] {Float.NaN}, Shape.of(1));
        for (UnaryOperator<Tensor> f : java.util.List.<UnaryOperator<Tensor>>of(Tensor::sigmoid, Tensor::tanh,
                Tensor::relu, t -> t.leakyRelu(0.1f), t -> t.elu(1f), Tensor::gelu, Tensor::silu, Tensor::softplus)) {
            assertThat(f.apply(x).item()).isNaN();
        }
    }

    @Test
    void infinitiesGiveTheLimits() {
        CpuTensor x = CpuTensor.wrap(new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, Shape.of(2));
        assertThat(x.sigmoid().toArray()).containsExactly(0f, 1f);
        assertThat(x.tanh().toArray()).containsExactly(-1f, 1f);
        assertThat(x.relu().toArray()).containsExactly(0f, Float.POSITIVE_INFINITY);
        assertThat(x.elu(1f).toArray()).containsExactly(-1f, Float.POSITIVE_INFINITY);
        assertThat(x.softplus().toArray()).containsExactly(0f, Float.POSITIVE_INFINITY);
    }

    @Test
    @SuppressWarnings("try") // the scope only switches recording off
    void withoutGradientsNothingIsRecorded() {
        CpuTensor x = CpuTensor.wrap(new float[] {-1f, 0.5f}, Shape.of(2)).requireGrad();
        try (var scope = CpuBackend.instance().noGrad()) {
            Tensor y = x.gelu();
            assertThat(y.requiresGrad()).isFalse();
            assertClose("gelu", y.toArray(), -0.15865525393145702, 0.34573123063700656);
        }
    }

    @Test
    void gradientsAccumulateWhenAnInputIsUsedTwice() {
        CpuTensor x = CpuTensor.wrap(new float[] {2f}, Shape.of(1)).requireGrad();
        x.relu().backward(CpuTensor.wrap(new float[] {1f}, Shape.of(1)));
        x.leakyRelu(0.1f).backward(CpuTensor.wrap(new float[] {3f}, Shape.of(1)));
        assertThat(x.grad().item()).isEqualTo(4f);
    }

    @Test
    void positiveAgreesWithTheComparisonOnBoundariesAndRandomBitPatterns() {
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                Float.intBitsToFloat(0x7F800001), Float.intBitsToFloat(0x7FFFFFFF), Float.intBitsToFloat(0xFF800001),
                Float.intBitsToFloat(0xFFFFFFFF), Float.intBitsToFloat(0x80000001)};
        for (float v : edges) {
            assertThat(Activations.positive(v)).as("positive(%s) [bits %08x]", v, Float.floatToRawIntBits(v))
                    .isEqualTo(v > 0 ? 1 : 0);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int n = 0; n < 1_000_000; n++) {
            float v = Float.intBitsToFloat(random.nextInt());
            if (Activations.positive(v) != (v > 0 ? 1 : 0)) {
                throw new AssertionError("positive(" + v + ") [bits " + Integer.toHexString(Float.floatToRawIntBits(v))
                        + "] = " + Activations.positive(v));
            }
        }
    }

    @Test
    void piecewiseLinearFunctionsKeepTheBitsOfTheirDefinitionAtEveryKindOfValue() {
        float[] x = {Float.NaN, Float.NEGATIVE_INFINITY, -3f, -Float.MIN_VALUE, -0f, 0f, Float.MIN_VALUE, 2f,
                Float.POSITIVE_INFINITY};
        float[] seed = {1f, -2f, Float.POSITIVE_INFINITY, -0.5f, 3f, -4f, 5f, Float.NaN, -1f};
        for (float slope : new float[] {0f, 0.1f}) {
            CpuTensor in = CpuTensor.wrap(x.clone(), Shape.of(x.length)).requireGrad();
            Tensor y = slope == 0f ? in.relu() : in.leakyRelu(slope);
            y.backward(CpuTensor.wrap(seed.clone(), Shape.of(x.length)));
            for (int i = 0; i < x.length; i++) {
                float value = slope == 0f ? Math.max(x[i], 0f) : x[i] > 0 ? x[i] : x[i] * slope;
                float grad = x[i] > 0 ? seed[i] : seed[i] * slope;
                assertThat(Float.floatToIntBits(y.toArray()[i])).as("value at %s, slope %s", x[i], slope)
                        .isEqualTo(Float.floatToIntBits(value));
                assertThat(Float.floatToIntBits(in.gradArray()[i])).as("gradient at %s, slope %s", x[i], slope)
                        .isEqualTo(Float.floatToIntBits(grad));
            }
        }
    }

    @Test
    void reluBackwardReusesTheOutputGradientButNeverTheCallersSeed() {
        CpuTensor x = CpuTensor.wrap(new float[] {-1f, 2f, 0f, 3f}, Shape.of(4)).requireGrad();
        float[] seed = {5f, 6f, 7f, -8f};
        x.relu().backward(CpuTensor.wrap(seed, Shape.of(4)));
        assertThat(seed).containsExactly(5f, 6f, 7f, -8f);
        assertThat(x.gradArray()).containsExactly(0f, 6f, 0f, -8f);
    }

    @Test
    void reluBackwardIntoAnInputThatAlreadyHasAGradientAddsToIt() {
        // relu(h) + h with h = 2x: the add hands h its gradient first, then relu adds its own
        CpuTensor x = CpuTensor.wrap(new float[] {-1f, 2f, 3f}, Shape.of(3)).requireGrad();
        Tensor h = x.mul(2f);
        h.leakyRelu(0.25f).add(h).sum().backward();
        assertThat(x.gradArray()).containsExactly(2.5f, 4f, 4f);
    }

    /** Checks values (to float32 rounding) and gradients (to what 1 - y^2 and friends keep in float32). */
    private static void check(String name, UnaryOperator<Tensor> f, double[] values, double[] grads) {
        CpuTensor x = CpuTensor.wrap(X.clone(), Shape.of(3, 4)).requireGrad();
        Tensor y = f.apply(x);
        assertThat(y.shape()).isEqualTo(Shape.of(3, 4));
        assertClose(name, y.toArray(), values);
        y.backward(CpuTensor.wrap(ones(12), y.shape()));
        assertClose(name + " gradient", x.grad().toArray(), grads, 1e-5, 2e-7);
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    /** Uniform values in {@code ±[0.1, 2.1)}. */
    private static CpuTensor awayFromZero(long seed, int... shape) {
        float[] v = GradCheck.random(seed, shape).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.copySign(0.1f + 2 * Math.abs(v[i]), v[i]);
        }
        return CpuTensor.wrap(v, Shape.of(shape));
    }

    /** Uniform values in {@code [-scale, scale)}. */
    private static CpuTensor spread(long seed, float scale, int... shape) {
        float[] v = GradCheck.random(seed, shape).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return CpuTensor.wrap(v, Shape.of(shape));
    }
}
