package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class Conv2dReluPoolTest {

    private static final int[] ONE = {1, 1};
    private static final int[] WINDOW = {2, 2};
    private static final int[] NO_PADDING = {0, 0};

    /** batch, inC, h, w, outC, k, stride, pad, groups. */
    private static final int[][] CASES = {
        {10, 1, 6, 8, 4, 3, 1, 1, 1}, // direct, several weight parts
        {3, 3, 8, 8, 5, 3, 1, 1, 1}, // im2col, one image per part
        {21, 4, 14, 14, 6, 3, 1, 1, 1}, // im2col, ten images per product: blocks of 10 and fewer
        {4, 4, 9, 10, 6, 3, 2, 1, 2}, // stride 2 and two groups: 5x5 maps, run unfused
        {4, 4, 10, 12, 6, 3, 2, 1, 2}, // stride 2 and two groups: 5x6 maps, run unfused
        {5, 2, 9, 9, 4, 2, 1, 0, 1}, // 8x8 maps from a 2x2 kernel, direct
    };

    @Test
    void givesTheValuesAndGradientsOfConvolutionReluThenPooling() {
        for (int[] c : CASES) {
            CpuTensor x = GradCheck.random(31, c[0], c[1], c[2], c[3]);
            CpuTensor w = GradCheck.random(32, c[4], c[1] / c[8], c[5], c[5]);
            assertEqualsUnfused(c, x, w, GradCheck.random(33, c[4]));
        }
    }

    @Test
    void tiesAndNaNGoWhereThePoolingSendsThem() {
        for (int[] c : CASES) {
            // small whole numbers: many equal maxima in a window, and many maps below zero everywhere
            CpuTensor x = wholeNumbers(41, c[0], c[1], c[2], c[3]);
            x.data()[x.size() / 2] = Float.NaN;
            CpuTensor w = wholeNumbers(42, c[4], c[1] / c[8], c[5], c[5]);
            assertEqualsUnfused(c, x, w, wholeNumbers(43, c[4]));
        }
    }

    @Test
    void withoutBiasOrInputGradient() {
        int[] c = CASES[2];
        CpuTensor x = GradCheck.random(51, c[0], c[1], c[2], c[3]);
        CpuTensor w = GradCheck.random(52, c[4], c[1], c[5], c[5]).requireGrad();
        CpuTensor fused = forward(c, x, w, null, true);
        CpuTensor dy = GradCheck.random(53, fused.shape().dims());
        fused.backward(dy);
        float[] dw = w.gradArray().clone();
        w.zeroGrad();
        CpuTensor unfused = forward(c, x, w, null, false);
        unfused.backward(dy);
        assertThat(fused.toArray()).containsExactly(unfused.toArray());
        assertThat(dw).containsExactly(w.gradArray());
    }

    @Test
    void matchesFiniteDifferences() {
        GradCheck.create().check(in -> Conv2dReluPool.forward(in.get(0), in.get(1), in.get(2), ONE, ONE, ONE, 1),
                GradCheck.random(61, 2, 1, 4, 6), GradCheck.random(62, 3, 1, 3, 3), GradCheck.random(63, 3));
        GradCheck.create().check(in -> Conv2dReluPool.forward(in.get(0), in.get(1), in.get(2), ONE, ONE, ONE, 1),
                GradCheck.random(67, 2, 3, 4, 4), GradCheck.random(68, 4, 3, 3, 3), GradCheck.random(69, 4));
    }

    private static void assertEqualsUnfused(int[] c, CpuTensor x, CpuTensor w, CpuTensor b) {
        x.requireGrad();
        w.requireGrad();
        b.requireGrad();
        CpuTensor fused = forward(c, x, w, b, true);
        CpuTensor dy = GradCheck.random(34, fused.shape().dims());
        fused.backward(dy);
        float[][] fusedGrads = {x.gradArray().clone(), w.gradArray().clone(), b.gradArray().clone()};
        x.zeroGrad();
        w.zeroGrad();
        b.zeroGrad();
        CpuTensor unfused = forward(c, x, w, b, false);
        unfused.backward(dy);
        assertThat(fused.shape()).isEqualTo(unfused.shape());
        assertThat(fused.toArray()).containsExactly(unfused.toArray());
        assertThat(fused.toArray()).contains(0f);
        assertThat(fusedGrads[0]).containsExactly(x.gradArray());
        assertThat(fusedGrads[1]).containsExactly(w.gradArray());
        assertThat(fusedGrads[2]).containsExactly(b.gradArray());
    }

    private static CpuTensor forward(int[] c, CpuTensor x, CpuTensor w, CpuTensor b, boolean fused) {
        int[] stride = {c[6], c[6]};
        int[] padding = {c[7], c[7]};
        return fused ? Conv2dReluPool.forward(x, w, b, stride, padding, ONE, c[8])
                : Pooling.maxPool2d(Conv2d.forward(x, w, b, stride, padding, ONE, c[8], true), WINDOW, WINDOW,
                        NO_PADDING);
    }

    /** @return whole numbers from -2 to 2 */
    private static CpuTensor wholeNumbers(long seed, int... shape) {
        CpuTensor t = GradCheck.random(seed, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(2 * d[i]);
        }
        return t;
    }
}
