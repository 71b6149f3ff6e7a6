package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class Conv2dTest {

    @Test
    void matchesTorchForwardAndBackwardWithStrideAndPadding() {
        // torch 1.13: F.conv2d(x, w, b, stride=(2, 1), padding=(1, 0)) with x = sine(0.1, [2, 2, 4, 5]),
        // w = sine(0.5, [3, 2, 3, 3]) * 0.5, b = sine(0.9, [3]); then y.backward(sine(0.3, y.shape))
        float[] expectedOut = {
            1.8009818f, 1.9649534f, 1.5731879f, 0.56618565f, 0.9257192f, 1.2182834f,
            1.9337255f, 2.1298671f, 1.7944138f, 0.70838559f, 1.1213298f, 1.4770103f,
            1.5952978f, 1.8233871f, 1.5446258f, 0.38079968f, 0.84668791f, 1.2650824f,
            -0.026686013f, -0.40200967f, -0.21985084f, 1.1220661f, 0.783369f, 0.44465205f,
            0.27521151f, -0.11774516f, 0.014790773f, 1.4247288f, 1.043981f, 0.64234781f,
            0.107813f, -0.30233186f, -0.21956885f, 1.2567954f, 0.83442748f, 0.37033227f};
        float[] expectedDx = {
            -0.010159875f, 0.0034970911f, 0.04083566f, 0.042902593f, 0.019979054f, -0.012467375f,
            0.004780049f, 0.032764696f, -0.0031952308f, -0.018567163f, 0.025848411f, 0.044352587f,
            0.029656123f, -0.0030280687f, -0.010390296f, -0.0037112432f, -0.029574864f, -0.054394774f,
            -0.021140436f, 0.0027397431f, -0.010065133f, 0.0039203074f, 0.041393358f, 0.042784814f,
            0.019660058f, -0.01208201f, 0.0052290293f, 0.032700986f, -0.0035820785f, -0.018821046f,
            0.026026655f, 0.044206392f, 0.02888405f, -0.0034691738f, -0.0104376f, -0.0041777068f,
            -0.030143768f, -0.054429814f, -0.020870598f, 0.0029147908f, -0.0093470849f, 0.0052914708f,
            0.04277068f, 0.043604005f, 0.019955942f, -0.011982731f, 0.005233496f, 0.03223991f,
            -0.0044111074f, -0.019359287f, 0.025721261f, 0.043319106f, 0.027465582f, -0.0046378919f,
            -0.010958296f, -0.0040225573f, -0.02975513f, -0.053618163f, -0.019645773f, 0.0037094522f,
            -0.0092435796f, 0.0057170838f, 0.04330897f, 0.043466814f, 0.019629024f, -0.011611841f,
            0.0056469534f, 0.032129291f, -0.0048281993f, -0.019623699f, 0.025892202f, 0.043159395f,
            0.026687395f, -0.0050654849f, -0.010992225f, -0.0044834679f, -0.030302042f, -0.053618304f,
            -0.019359479f, 0.0038858943f};
        float[] expectedDw = {
            -0.26314205f, -0.29346973f, -0.18577386f, 0.61604661f, 0.20876251f, -0.29670602f,
            -0.43401235f, 0.053004861f, 0.51509333f, -0.17776793f, 0.019355904f, 0.20737638f,
            -0.31927857f, -0.67321992f, -0.71053582f, 0.53259748f, 0.73696321f, 0.59472358f,
            -0.14809193f, 0.23136082f, 0.50200123f, -0.56650412f, -0.64740855f, -0.42382646f,
            0.64709836f, 0.56742543f, 0.22088334f, 0.50968128f, 0.53145659f, 0.30327952f,
            -0.40671578f, 0.021172157f, 0.43910253f, 0.19996056f, -0.2501052f, -0.58254266f,
            0.40834939f, 0.066615172f, -0.30644909f, -0.060576946f, 0.42603591f, 0.71227717f,
            -0.20048141f, -0.60937756f, -0.73167396f, -0.32198575f, -0.54046059f, -0.50474852f,
            0.71807194f, 0.65246016f, 0.27998608f, -0.72866309f, -0.49172959f, -0.023527963f};
        float[] expectedDb = {4.4273944f, -0.082407296f, -4.3465929f};

        CpuTensor x = Fixtures.sine(0.1, 2, 2, 4, 5).requireGrad();
        CpuTensor w = Fixtures.sine(0.5, 0.5, 3, 2, 3, 3).requireGrad();
        CpuTensor b = Fixtures.sine(0.9, 3).requireGrad();
        CpuTensor y = Conv2d.forward(x, w, b, new int[] {2, 1}, new int[] {1, 0});
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 2, 3));
        assertThat(y.toArray()).containsExactly(expectedOut, within(1e-5f));

        y.backward(Fixtures.sine(0.3, 2, 3, 2, 3));
        assertThat(x.gradArray()).containsExactly(expectedDx, within(1e-5f));
        assertThat(w.gradArray()).containsExactly(expectedDw, within(1e-5f));
        assertThat(b.gradArray()).containsExactly(expectedDb, within(1e-4f));
    }

    @Test
    void matchesDirectConvolutionForManyGeometries() {
        int[][] cases = { // batch, inC, h, w, outC, kh, kw, sh, sw, ph, pw
            {3, 1, 28, 28, 4, 3, 3, 1, 1, 1, 1},
            {2, 3, 9, 7, 5, 3, 2, 2, 3, 2, 1},
            {1, 2, 5, 5, 3, 1, 1, 1, 1, 0, 0},
            {2, 2, 3, 4, 2, 5, 5, 1, 2, 2, 2},
            {9, 2, 6, 6, 3, 3, 3, 2, 2, 0, 0},
        };
        for (int[] c : cases) {
            CpuTensor x = GradCheck.random(c[0], c[0], c[1], c[2], c[3]);
            CpuTensor w = GradCheck.random(7, c[4], c[1], c[5], c[6]);
            CpuTensor b = GradCheck.random(8, c[4]);
            int[] stride = {c[7], c[8]};
            int[] padding = {c[9], c[10]};
            CpuTensor y = Conv2d.forward(x, w, b, stride, padding);
            assertThat(y.toArray()).as("case %s", java.util.Arrays.toString(c))
                    .containsExactly(direct(x, w, b, stride, padding), within(1e-4f));
        }
    }

    @Test
    void gradientsOfInputWeightAndBiasPassFiniteDifferences() {
        CpuTensor x = GradCheck.random(1, 2, 3, 5, 4);
        CpuTensor w = GradCheck.random(2, 4, 3, 3, 3);
        CpuTensor b = GradCheck.random(3, 4);
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {1, 1},
                new int[] {1, 1}), x, w, b);
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), null, new int[] {2, 1},
                new int[] {0, 2}), x, w);
        // a batch larger than the number of parts the weight gradient is summed over
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {1, 1},
                new int[] {0, 0}), GradCheck.random(4, 11, 1, 3, 3), GradCheck.random(5, 2, 1, 2, 2),
                GradCheck.random(6, 2));
    }

    @Test
    void theWeightGradientPassesFiniteDifferencesWithMoreOutputChannelsThanTapsAndFewer() {
        // the product is taken as maps x columns^T when a group has more output channels than taps,
        // as columns x maps^T (into the transposed gradient) otherwise; with groups, both ways
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {2, 2},
                new int[] {1, 1}), GradCheck.random(41, 3, 1, 5, 6), GradCheck.random(42, 12, 1, 2, 2),
                GradCheck.random(43, 12));
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {2, 1},
                new int[] {1, 0}, new int[] {1, 1}, 2), GradCheck.random(44, 3, 4, 5, 4),
                GradCheck.random(45, 6, 2, 3, 2), GradCheck.random(46, 6));
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), null, new int[] {2, 1},
                new int[] {1, 0}, new int[] {1, 1}, 2), GradCheck.random(47, 3, 4, 5, 4),
                GradCheck.random(48, 18, 2, 1, 2));
    }

    @Test
    void threeByThreeWindowsOfStrideOnePassFiniteDifferences() {
        // more than DirectConv2d.MAX_TAPS taps, so im2col: odd sizes with 'same' padding (the width kept)
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {1, 1},
                new int[] {1, 1}), GradCheck.random(31, 2, 3, 5, 7), GradCheck.random(32, 4, 3, 3, 3),
                GradCheck.random(33, 4));
        // no padding, and padding on some sides only, one of them beyond the kernel's reach
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), null, new int[] {1, 1},
                new int[] {0, 0}), GradCheck.random(34, 1, 3, 6, 5), GradCheck.random(35, 2, 3, 3, 3));
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {1, 1},
                new int[] {3, 0, 0, 2}, new int[] {1, 1}, 1, true), GradCheck.random(36, 2, 3, 4, 5),
                GradCheck.random(37, 2, 3, 3, 3), GradCheck.random(38, 2));
    }

    @Test
    void theDirectKernelsOfFewTapsPassFiniteDifferencesWithPaddingOnEachSide() {
        // stride 1, one group, at most DirectConv2d.MAX_TAPS taps: the direct forward and weight gradient
        assertThat(DirectConv2d.MAX_TAPS).isGreaterThanOrEqualTo(9);
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {1, 1},
                new int[] {1, 1}), GradCheck.random(11, 10, 1, 5, 4), GradCheck.random(12, 3, 1, 3, 3),
                GradCheck.random(13, 3));
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), null, new int[] {1, 1},
                new int[] {0, 2, 1, 0}, new int[] {1, 1}, 1), GradCheck.random(14, 3, 2, 4, 5),
                GradCheck.random(15, 2, 2, 3, 2));
    }

    @Test
    void theFusedReluGivesTheValuesAndGradientsOfConvolutionThenRelu() {
        int[][] cases = { // batch, inC, h, w, outC, k, stride, pad: the direct and the im2col path
            {3, 1, 6, 5, 4, 3, 1, 1},
            {2, 3, 7, 6, 5, 3, 2, 1},
        };
        for (int[] c : cases) {
            int[] stride = {c[6], c[6]};
            int[] padding = {c[7], c[7]};
            int[] one = {1, 1};
            CpuTensor x = GradCheck.random(21, c[0], c[1], c[2], c[3]).requireGrad();
            CpuTensor w = GradCheck.random(22, c[4], c[1], c[5], c[5]).requireGrad();
            CpuTensor b = GradCheck.random(23, c[4]).requireGrad();
            CpuTensor fused = Conv2d.forward(x, w, b, stride, padding, one, 1, true);
            CpuTensor dy = GradCheck.random(24, fused.shape().dims());
            fused.backward(dy);
            float[][] fusedGrads = {x.gradArray().clone(), w.gradArray().clone(), b.gradArray().clone()};
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            CpuTensor composed = Activations.relu(Conv2d.forward(x, w, b, stride, padding, one, 1));
            composed.backward(dy);
            assertThat(fused.toArray()).containsExactly(composed.toArray());
            assertThat(fused.toArray()).contains(0f);
            assertThat(fusedGrads[0]).containsExactly(x.gradArray());
            assertThat(fusedGrads[1]).containsExactly(w.gradArray());
            assertThat(fusedGrads[2]).containsExactly(b.gradArray());
        }
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, 1, true), GradCheck.random(25, 2, 2, 4, 4),
                GradCheck.random(26, 3, 2, 3, 3), GradCheck.random(27, 3));
    }

    @Test
    void namesChannelMismatch() {
        CpuTensor x = CpuTensor.wrap(new float[8 * 3 * 28 * 28], Shape.of(8, 3, 28, 28));
        CpuTensor w = CpuTensor.wrap(new float[32 * 9], Shape.of(32, 1, 3, 3));
        assertThatThrownBy(() -> Conv2d.forward(x, w, null, new int[] {1, 1}, new int[] {1, 1}))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("conv2d: input [8, 3, 28, 28] has 3 channels but weight [32, 1, 3, 3] expects 1");
    }

    @Test
    void rejectsKernelLargerThanPaddedInputAndWrongBias() {
        CpuTensor x = CpuTensor.wrap(new float[2 * 4 * 4], Shape.of(1, 2, 4, 4));
        CpuTensor w = CpuTensor.wrap(new float[3 * 2 * 7 * 3], Shape.of(3, 2, 7, 3));
        assertThatThrownBy(() -> Conv2d.forward(x, w, null, new int[] {1, 1}, new int[] {1, 1}))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("conv2d: kernel [7, 3] is larger than the padded input 6x6")
                .hasMessageContaining("[1, 2, 4, 4]");
        CpuTensor w3 = CpuTensor.wrap(new float[3 * 2 * 9], Shape.of(3, 2, 3, 3));
        CpuTensor bias = CpuTensor.wrap(new float[4], Shape.of(4));
        assertThatThrownBy(() -> Conv2d.forward(x, w3, bias, new int[] {1, 1}, new int[] {0, 0}))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("bias [4]").hasMessageContaining("[3, 2, 3, 3]");
        assertThatThrownBy(() -> Conv2d.forward(x, w3, null, new int[] {0, 1}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride [0, 1]");
        CpuTensor flat = CpuTensor.wrap(new float[16], Shape.of(4, 4));
        assertThatThrownBy(() -> Conv2d.forward(flat, w3, null, new int[] {1, 1}, new int[] {0, 0}))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("input [4, 4] must have rank 4");
    }

    /** The textbook convolution loop, as an independent reference. */
    private static float[] direct(CpuTensor x, CpuTensor w, CpuTensor b, int[] stride, int[] padding) {
        int[] xd = x.shape().dims();
        int[] wd = w.shape().dims();
        int outH = (xd[2] + 2 * padding[0] - wd[2]) / stride[0] + 1;
        int outW = (xd[3] + 2 * padding[1] - wd[3]) / stride[1] + 1;
        float[] out = new float[xd[0] * wd[0] * outH * outW];
        int o = 0;
        for (int n = 0; n < xd[0]; n++) {
            for (int oc = 0; oc < wd[0]; oc++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        double s = b.data()[oc];
                        for (int ic = 0; ic < xd[1]; ic++) {
                            for (int ky = 0; ky < wd[2]; ky++) {
                                for (int kx = 0; kx < wd[3]; kx++) {
                                    int iy = oy * stride[0] - padding[0] + ky;
                                    int ix = ox * stride[1] - padding[1] + kx;
                                    if (iy >= 0 && iy < xd[2] && ix >= 0 && ix < xd[3]) {
                                        s += x.get(n, ic, iy, ix) * w.get(oc, ic, ky, kx);
                                    }
                                }
                            }
                        }
                        out[o++] = (float) s;
                    }
                }
            }
        }
        return out;
    }
}
