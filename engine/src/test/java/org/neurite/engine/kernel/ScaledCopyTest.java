package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link ScaledCopy}, vector and plain: the bits of {@code (x * scale - shift) * factor} in float,
 * written at an offset and nothing else, and "not finite" for a NaN or an infinity anywhere (in
 * whole vectors and in the tail), including one the scaling itself overflows to.
 */
class ScaledCopyTest {

    private static List<ScaledCopy.Runs> implementations() {
        List<ScaledCopy.Runs> runs = new ArrayList<>(List.of(new ScaledCopy.Plain()));
        if (KernelChoice.vectorModulePresent()) {
            runs.add(new VectorScaledCopy());
        }
        return runs;
    }

    @Test
    void copiesWithTheRoundingOfFloatArithmetic() {
        SplittableRandom random = new SplittableRandom(3);
        for (int count : new int[] {0, 1, 15, 16, 17, 100, 784}) {
            float[] src = new float[count + 2];
            for (int i = 0; i < src.length; i++) {
                src[i] = random.nextInt(256);
            }
            for (ScaledCopy.Runs runs : implementations()) {
                float[] dst = new float[count + 5];
                assertThat(runs.into(src, 2 - (count > 0 ? 1 : 0), dst, 3, count, 1 / 255f, 0.286f, 1 / 0.353f)).isTrue();
                for (int i = 0; i < dst.length; i++) {
                    float expected = i >= 3 && i < 3 + count
                            ? (src[i - 3 + 2 - (count > 0 ? 1 : 0)] * (1 / 255f) - 0.286f) * (1 / 0.353f) : 0f;
                    assertThat(dst[i]).as("%s, %d values, element %d", runs.getClass().getSimpleName(), count, i)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void saysWhenAValueIsNotFinite() {
        for (ScaledCopy.Runs runs : implementations()) {
            for (int at : new int[] {0, 5, 16, 31, 36}) {
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    float[] src = new float[37];
                    src[at] = bad;
                    assertThat(runs.into(src, 0, new float[37], 0, 37, 2f, 0f, 1f))
                            .as("%s, %s at %d", runs.getClass().getSimpleName(), bad, at).isFalse();
                }
                float[] huge = new float[37];
                huge[at] = Float.MAX_VALUE;
                assertThat(runs.into(huge, 0, new float[37], 0, 37, 2f, 0f, 1f)).as("overflow at %d", at).isFalse();
            }
        }
        assertThat(ScaledCopy.into(new float[] {1, 2}, 0, new float[2], 0, 2, 1f, 0f, 1f)).isTrue();
    }
}
