package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The Vector API form of {@link ShiftedRuns} against its plain loops, with nine shifts (a 3x3
 * window over one channel, which has loops of its own) and with other counts, on runs that are not
 * a whole number of vectors, at offsets inside larger arrays.
 */
class ShiftedRunsTest {

    private final ShiftedRuns.Functions plain = new ShiftedRuns.Plain();
    private final ShiftedRuns.Functions vector = new VectorShiftedRuns();

    @Test
    void weightedSumsAndDotsAgreeWithThePlainLoopsForNineShiftsAndOthers() {
        for (int taps : new int[] {9, 4, 18}) {
            for (int len : new int[] {0, 1, 15, 16, 31, 32, 47, 838}) {
                int[] shifts = new int[taps];
                for (int t = 0; t < taps; t++) {
                    shifts[t] = 3 + 7 * t;
                }
                int size = 3 + 7 * taps + len + 4;
                float[] x = random(size, taps + len);
                float[] w = random(taps + 2, 1);
                float[] a = random(len + 6, 2);
                float[] out1 = new float[len + 5];
                float[] out2 = new float[len + 5];
                plain.weightedSum(w, 2, shifts, x, 0.25f, out1, 5, len);
                vector.weightedSum(w, 2, shifts, x, 0.25f, out2, 5, len);
                assertThat(out2).as("weightedSum, %d taps, length %d", taps, len)
                        .containsExactly(out1, Offset.offset(1e-5f));
                float[] dots1 = random(taps + 3, 3);
                float[] dots2 = dots1.clone();
                plain.dots(a, 6, shifts, x, dots1, 3, len);
                vector.dots(a, 6, shifts, x, dots2, 3, len);
                assertThat(dots2).as("dots, %d taps, length %d", taps, len)
                        .containsExactly(dots1, Offset.offset(1e-4f));
            }
        }
    }

    private static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }
}
