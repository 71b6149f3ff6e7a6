package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The Vector API form of {@link MaxPool2x2} against its plain loops and against the windows
 * counted out one by one: planes of even and odd sizes, narrower and wider than a vector, the
 * planes of a call a part of the array (as each thread gets), values drawn from a few integers so
 * that ties are common, with negative zeros and NaNs; the gradient written over an array that
 * held other values.
 */
class MaxPool2x2Test {

    /** What the gradient's array holds before the backward pass: a use before this one left it. */
    private static final float LEFT_OVER = 7.5f;

    private final MaxPool2x2.Functions plain = new MaxPool2x2.Plain();
    private final MaxPool2x2.Functions vector = new VectorMaxPool2x2();

    @Test
    void bothFormsGiveEveryWindowsMaximumAndItsGradientToTheWinner() {
        int[][] sizes = {{2, 2}, {4, 6}, {5, 7}, {28, 28}, {14, 14}, {7, 7}, {3, 40}, {6, 33}};
        for (int[] hw : sizes) {
            int h = hw[0];
            int w = hw[1];
            int planes = 7;
            float[] x = values(planes * h * w, h * 31 + w);
            float[] dy = values(planes * (h / 2) * (w / 2), h * 7 + w + 1);
            for (int[] range : new int[][] {{0, planes}, {0, 3}, {3, planes}, {2, 5}}) {
                float[] expectedOut = new float[planes * (h / 2) * (w / 2)];
                // the gradient's planes of the call are overwritten whatever they held; the others are left alone
                float[] expectedDx = new float[x.length];
                Arrays.fill(expectedDx, LEFT_OVER);
                Arrays.fill(expectedDx, range[0] * h * w, range[1] * h * w, 0f);
                windowByWindow(x, dy, expectedOut, expectedDx, range[0], range[1], h, w);
                for (MaxPool2x2.Functions f : new MaxPool2x2.Functions[] {plain, vector}) {
                    String as = f.getClass().getSimpleName() + " " + h + "x" + w + " planes " + range[0] + ".." + range[1];
                    float[] out = new float[expectedOut.length];
                    float[] dx = new float[x.length];
                    Arrays.fill(dx, LEFT_OVER);
                    f.forward(x, out, range[0], range[1], h, w);
                    f.backward(x, dy, dx, range[0], range[1], h, w);
                    // boxed comparison: NaN equals NaN, -0 differs from 0
                    assertThat(box(out)).as(as).containsExactly(box(expectedOut));
                    assertThat(box(dx)).as(as).containsExactly(box(expectedDx));
                }
            }
        }
    }

    @Test
    void bothFormsRankTheWinnersOfAConvolutionsMapsAlike() {
        int[][] sizes = {{2, 2}, {4, 6}, {28, 28}, {14, 14}, {6, 34}};
        for (int[] hw : sizes) {
            int h = hw[0];
            int w = hw[1];
            for (int rowStride : new int[] {w, w + 2}) {
                float[] x = values(3 + h * rowStride, h * 13 + rowStride);
                float[] dy = values(5 + (h / 2) * (w / 2), w);
                float[][] outs = new float[2][];
                float[][] ranks = new float[2][];
                float[][] dxs = new float[2][];
                MaxPool2x2.Functions[] forms = {plain, vector};
                for (int f = 0; f < 2; f++) {
                    outs[f] = new float[5 + (h / 2) * (w / 2)];
                    ranks[f] = new float[outs[f].length];
                    dxs[f] = new float[4 + h * w];
                    Arrays.fill(dxs[f], LEFT_OVER);
                    forms[f].forwardRanked(x, 3, rowStride, h, w, 0.5f, outs[f], ranks[f], 5);
                    forms[f].backwardRanked(dy, ranks[f], 5, h, w, dxs[f], 4);
                }
                String as = h + "x" + w + " rows " + rowStride + " apart";
                assertThat(box(outs[1])).as(as).containsExactly(box(outs[0]));
                assertThat(box(ranks[1])).as(as).containsExactly(box(ranks[0]));
                assertThat(box(dxs[1])).as(as).containsExactly(box(dxs[0]));
                for (int o = 0; o < (h / 2) * (w / 2); o++) {
                    assertThat(outs[0][5 + o] < 0).as(as).isFalse();
                    assertThat(ranks[0][5 + o] == 4).as(as).isEqualTo(!(outs[0][5 + o] > 0));
                }
            }
        }
    }

    /** The definition: the first maximum of each window in row-major order, or its last NaN. */
    private static void windowByWindow(float[] x, float[] dy, float[] out, float[] dx, int first, int end, int h, int w) {
        int outH = h / 2;
        int outW = w / 2;
        for (int p = first; p < end; p++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int[] at = {
                        p * h * w + 2 * oy * w + 2 * ox, p * h * w + 2 * oy * w + 2 * ox + 1,
                        p * h * w + (2 * oy + 1) * w + 2 * ox, p * h * w + (2 * oy + 1) * w + 2 * ox + 1};
                    int best = at[0];
                    for (int i : at) {
                        if (Float.isNaN(x[i]) || (!Float.isNaN(x[best]) && x[i] > x[best])) {
                            best = i;
                        }
                    }
                    int o = p * outH * outW + oy * outW + ox;
                    out[o] = Math.max(Math.max(x[at[0]], x[at[1]]), Math.max(x[at[2]], x[at[3]]));
                    dx[best] = dy[o];
                }
            }
        }
    }

    /** Small integers (many ties), a few negative zeros and NaNs. */
    private static float[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(40);
            v[i] = r == 0 ? Float.NaN : r == 1 ? -0f : r == 2 ? 0f : random.nextInt(6) - 2;
        }
        return v;
    }

    private static Float[] box(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return b;
    }
}
