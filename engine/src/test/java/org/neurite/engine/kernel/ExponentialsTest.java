package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExponentialsTest {

    @Test
    void shiftedExponentialsAndTheirSumInWholeVectorsAndTheTail() {
        float[] a = new float[16 * 5 + 7];
        for (int i = 0; i < a.length; i++) {
            a[i] = -20f + 0.3f * i;
        }
        a[3] = Float.NEGATIVE_INFINITY;
        float[] x = a.clone();
        float shift = 4.5f;
        float sum = Exponentials.expShifted(a, 2, a.length - 2, shift);
        assertThat(a[0]).isEqualTo(x[0]);
        assertThat(a[1]).isEqualTo(x[1]);
        assertThat(a[3]).isEqualTo(0f);
        double expected = 0;
        for (int i = 2; i < a.length; i++) {
            double e = Math.exp((double) x[i] - shift);
            expected += e;
            assertThat((double) a[i]).as("exp(%s - %s)", x[i], shift).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-6 * e));
        }
        assertThat((double) sum).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5 * expected));
    }
}
