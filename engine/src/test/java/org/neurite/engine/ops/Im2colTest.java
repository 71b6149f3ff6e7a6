package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/**
 * A convolution that keeps the input's width unfolds and folds each tap as one run (padded columns
 * cleared); it must equal the same convolution of the input padded with zeros beforehand, which
 * takes the row-by-row path.
 */
class Im2colTest {

    @Test
    void aWidthKeepingConvolutionEqualsOneOverTheZeroPaddedInput() {
        // {kh, kw, dh, dw, top, bottom, left, right}
        int[][] cases = {{3, 3, 1, 1, 1, 1, 1, 1}, {2, 2, 1, 1, 0, 1, 0, 1}, {3, 3, 2, 2, 2, 2, 2, 2},
            {5, 3, 1, 1, 2, 2, 1, 1}, {1, 1, 1, 1, 0, 0, 0, 0}, {3, 3, 1, 1, 0, 2, 2, 0}};
        SplittableRandom random = new SplittableRandom(5);
        for (int[] c : cases) {
            CpuTensor x = random(random, 2, 3, 6, 7);
            CpuTensor w = random(random, 4, 3, c[0], c[1]);
            int[] pad = {c[4], c[5], c[6], c[7]};
            int[] dilation = {c[2], c[3]};
            CpuTensor dy = random(random, 2, 4, 6 + c[4] + c[5] - c[2] * (c[0] - 1), 7);

            CpuTensor xs = CpuTensor.wrap(x.data(), x.shape()).requireGrad();
            CpuTensor ws = CpuTensor.wrap(w.data(), w.shape()).requireGrad();
            CpuTensor same = Conv2d.forward(xs, ws, null, new int[] {1, 1}, pad, dilation, 1);
            same.backward(dy);

            CpuTensor xp = CpuTensor.wrap(padded(x.data(), 2, 3, 6, 7, pad), Shape.of(2, 3, 6 + c[4] + c[5],
                    7 + c[6] + c[7])).requireGrad();
            CpuTensor wp = CpuTensor.wrap(w.data(), w.shape()).requireGrad();
            CpuTensor valid = Conv2d.forward(xp, wp, null, new int[] {1, 1}, new int[] {0, 0}, dilation, 1);
            valid.backward(dy);

            assertThat(same.shape()).isEqualTo(valid.shape());
            assertThat(same.toArray()).containsExactly(valid.toArray(), within(1e-5f));
            assertThat(ws.gradArray()).containsExactly(wp.gradArray(), within(1e-4f));
            float[] inner = inner(xp.gradArray(), 2, 3, 6, 7, pad);
            assertThat(xs.gradArray()).containsExactly(inner, within(1e-5f));
        }
    }

    private static CpuTensor random(SplittableRandom random, int... dims) {
        float[] v = new float[(int) Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return CpuTensor.wrap(v, Shape.of(dims));
    }

    private static float[] padded(float[] x, int n, int ch, int h, int w, int[] pad) {
        int ph = h + pad[0] + pad[1];
        int pw = w + pad[2] + pad[3];
        float[] out = new float[n * ch * ph * pw];
        for (int p = 0; p < n * ch; p++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(x, (p * h + y) * w, out, (p * ph + y + pad[0]) * pw + pad[2], w);
            }
        }
        return out;
    }

    private static float[] inner(float[] g, int n, int ch, int h, int w, int[] pad) {
        int ph = h + pad[0] + pad[1];
        int pw = w + pad[2] + pad[3];
        float[] out = new float[n * ch * h * w];
        for (int p = 0; p < n * ch; p++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(g, (p * ph + y + pad[0]) * pw + pad[2], out, (p * h + y) * w, w);
            }
        }
        return out;
    }
}
