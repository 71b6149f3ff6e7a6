package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class VectorExpTest {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private static float[] exp(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i + S.length() <= x.length; i += S.length()) {
            VectorExp.exp(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        }
        return y;
    }

    @Test
    void isWithinTwoUlpsOfMathExpDownToTheSubnormals() {
        assumeTrue(KernelChoice.vectorModulePresent());
        float[] x = new float[S.length() * 4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = -103f + 191f * i / x.length;
        }
        float[] y = exp(x);
        for (int i = 0; i < x.length; i++) {
            float exact = (float) Math.exp(x[i]);
            float slack = exact < Float.MIN_NORMAL ? Float.MIN_VALUE : 2 * Math.ulp(exact);
            assertThat(Math.abs(y[i] - exact)).as("exp(%s)", x[i]).isLessThanOrEqualTo(slack);
        }
    }

    @Test
    void limitsAndNaN() {
        assumeTrue(KernelChoice.vectorModulePresent());
        float[] x = new float[S.length()];
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 200f, -200f, 89f};
        System.arraycopy(special, 0, x, 0, Math.min(special.length, x.length));
        float[] y = exp(x);
        float[] expected = {Float.NaN, Float.POSITIVE_INFINITY, 0f, 1f, 1f, Float.POSITIVE_INFINITY, 0f,
            Float.POSITIVE_INFINITY};
        for (int i = 0; i < Math.min(special.length, x.length); i++) {
            assertThat(Float.valueOf(y[i])).as("exp(%s)", x[i]).isEqualTo(Float.valueOf(expected[i]));
        }
    }
}
