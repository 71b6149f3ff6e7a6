package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The Vector API form of {@link PlaneRuns} against its plain loops, on runs that are not a whole
 * number of vectors (the tail goes through the plain loop) at offsets inside larger arrays, with
 * zeros, negative zeros and a NaN where the mask's sign is read and a NaN in the gradient.
 */
class PlaneRunsTest {

    private static final int OFF = 5;

    private final PlaneRuns.Functions plain = new PlaneRuns.Plain();
    private final PlaneRuns.Functions vector = new VectorPlaneRuns();

    @Test
    void maskedSumMasksInPlaceAndSumsAsThePlainLoop() {
        for (int len : new int[] {0, 1, 15, 16, 33, 196, 784}) {
            float[] g = random(OFF + len + 3, 1);
            float[] where = random(OFF + len + 3, 2);
            if (len > 3) {
                where[OFF] = 0f;
                where[OFF + 1] = -0f;
                where[OFF + 2] = Float.NaN;
                g[OFF + 3] = Float.NaN;
                where[OFF + 3] = 1f;
            }
            float[] g1 = g.clone();
            float[] g2 = g.clone();
            float s1 = plain.maskedSum(g1, where, OFF, len);
            float s2 = vector.maskedSum(g2, where, OFF, len);
            for (int i = 0; i < g.length; i++) {
                boolean inRun = i >= OFF && i < OFF + len;
                // a boxed Float compares by equals: NaN equals NaN, and -0 differs from 0
                Float expected = !inRun ? g[i] : where[i] > 0f ? g[i] : 0f * g[i];
                assertThat(g1[i]).as("plain, run %d, element %d", len, i).isEqualTo(expected);
                assertThat(g2[i]).as("vector, run %d, element %d", len, i).isEqualTo(expected);
            }
            if (len > 3) {
                assertThat(s1).isNaN();
                assertThat(s2).isNaN();
                g1 = g.clone();
                g1[OFF + 3] = 0.5f;
                g2 = g1.clone();
                s1 = plain.maskedSum(g1, where, OFF, len);
                s2 = vector.maskedSum(g2, where, OFF, len);
            }
            assertThat(s2).as("run %d", len).isCloseTo(s1, Offset.offset(1e-4f));
        }
    }

    @Test
    void maskedSumWithoutAMaskOnlySums() {
        float[] g = random(OFF + 101, 3);
        float[] copy = g.clone();
        double expected = 0;
        for (int i = OFF; i < OFF + 101; i++) {
            expected += g[i];
        }
        assertThat(vector.maskedSum(copy, null, OFF, 101)).isCloseTo((float) expected, Offset.offset(1e-4f));
        assertThat(plain.maskedSum(copy, null, OFF, 101)).isCloseTo((float) expected, Offset.offset(1e-4f));
        assertThat(copy).containsExactly(g);
    }

    @Test
    void addToAddsOneRunIntoAnotherAtItsOwnOffset() {
        for (int len : new int[] {0, 1, 17, 32, 55}) {
            float[] src = random(len + 9, 4);
            float[] dst = random(len + 2, 5);
            float[] expected = dst.clone();
            for (int i = 0; i < len; i++) {
                expected[1 + i] += src[7 + i];
            }
            float[] d1 = dst.clone();
            float[] d2 = dst.clone();
            plain.addTo(src, 7, d1, 1, len);
            vector.addTo(src, 7, d2, 1, len);
            assertThat(d1).containsExactly(expected);
            assertThat(d2).containsExactly(expected);
        }
    }

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        return a;
    }
}
