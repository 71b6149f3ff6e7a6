package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The Vector API forms of {@link Squashing} and {@link RecurrentGates} against their plain loops,
 * on rows that are not a whole number of vectors (the tail goes through the plain loop) and at
 * offsets inside larger arrays; each array the operations write is compared whole.
 */
class RecurrentGatesTest {

    private static final int N = 37;
    private static final int P = 5;
    private static final int Q = 3;
    private static final int ST = 7;
    private static final int HB = 2;

    private final RecurrentGates.Kernels plain = new RecurrentGates.Plain();
    private final RecurrentGates.Kernels vector = new VectorRecurrentGates();

    /** Arrays of one call: gates, two more gate arrays, four state arrays and a running state. */
    private record Operands(float[] act, float[] gates2, float[] gates3, float[] s1, float[] s2, float[] s3,
                            float[] s4, float[] run1, float[] run2) {

        static Operands random(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            return new Operands(fill(random, P + 4 * N, 0.05, 0.95), fill(random, Q + 4 * N, -2, 2),
                    fill(random, P + 4 * N, -2, 2), fill(random, ST + N, -1, 1), fill(random, ST + N, -1, 1),
                    fill(random, ST + N, -1, 1), fill(random, ST + N, -1, 1), fill(random, HB + N, -1, 1),
                    fill(random, HB + N, -1, 1));
        }

        Operands copy() {
            return new Operands(act.clone(), gates2.clone(), gates3.clone(), s1.clone(), s2.clone(), s3.clone(),
                    s4.clone(), run1.clone(), run2.clone());
        }

        void assertCloseTo(Operands expected) {
            close(act, expected.act);
            close(gates2, expected.gates2);
            close(gates3, expected.gates3);
            close(s1, expected.s1);
            close(s2, expected.s2);
            close(s3, expected.s3);
            close(s4, expected.s4);
            close(run1, expected.run1);
            close(run2, expected.run2);
        }

        private static void close(float[] actual, float[] expected) {
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], Offset.offset(1e-6f));
            }
        }

        private static float[] fill(SplittableRandom random, int size, double low, double high) {
            float[] v = new float[size];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextDouble(low, high);
            }
            return v;
        }
    }

    private static void agree(Consumer<Operands> onPlain, Consumer<Operands> onVector) {
        for (long seed = 1; seed <= 3; seed++) {
            Operands expected = Operands.random(seed);
            Operands actual = expected.copy();
            onPlain.accept(expected);
            onVector.accept(actual);
            actual.assertCloseTo(expected);
        }
    }

    @Test
    void add() {
        agree(o -> plain.add(o.act, P, o.gates2, Q, 4 * N), o -> vector.add(o.act, P, o.gates2, Q, 4 * N));
    }

    @Test
    void lstmState() {
        agree(o -> plain.lstmState(o.act, P, o.run1, o.s1, o.run2, HB, o.s2, ST, N),
                o -> vector.lstmState(o.act, P, o.run1, o.s1, o.run2, HB, o.s2, ST, N));
    }

    @Test
    void gruState() {
        agree(o -> plain.gruState(o.act, P, o.gates2, Q, o.s1, o.run1, HB, o.s2, ST, N),
                o -> vector.gruState(o.act, P, o.gates2, Q, o.s1, o.run1, HB, o.s2, ST, N));
    }

    @Test
    void tanhBackward() {
        agree(o -> plain.tanhBackward(o.act, P, o.run1, HB, o.s1, ST, o.gates3, N),
                o -> vector.tanhBackward(o.act, P, o.run1, HB, o.s1, ST, o.gates3, N));
    }

    @Test
    void lstmBackward() {
        agree(o -> plain.lstmBackward(o.act, P, o.s1, o.s2, o.run1, o.run2, HB, o.s3, ST, o.gates3, N),
                o -> vector.lstmBackward(o.act, P, o.s1, o.s2, o.run1, o.run2, HB, o.s3, ST, o.gates3, N));
    }

    @Test
    void gruBackward() {
        agree(o -> plain.gruBackward(o.act, P, o.s1, o.s2, o.run1, HB, o.s3, ST, o.gates2, o.s4, N),
                o -> vector.gruBackward(o.act, P, o.s1, o.s2, o.run1, HB, o.s3, ST, o.gates2, o.s4, N));
    }

    @Test
    void squashingMatchesTheDoublePrecisionFunctions() {
        float[] values = new float[2 * 16 + 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i - 18) * 0.7f + (i % 3) * 0.001f;
        }
        float[] tanh = values.clone();
        float[] sigmoid = values.clone();
        Squashing.tanh(tanh, 1, values.length - 1);
        Squashing.sigmoid(sigmoid, 1, values.length - 1);
        assertThat(tanh[0]).isEqualTo(values[0]);
        assertThat(sigmoid[0]).isEqualTo(values[0]);
        for (int i = 1; i < values.length; i++) {
            assertThat(tanh[i]).as("tanh(%s)", values[i]).isCloseTo((float) Math.tanh(values[i]), Offset.offset(1e-6f));
            assertThat(sigmoid[i]).as("sigmoid(%s)", values[i])
                    .isCloseTo((float) (1 / (1 + Math.exp(-values[i]))), Offset.offset(1e-6f));
        }
        for (float v : new float[] {0f, 1e-4f, -0.005f, 0.02f, 3f, -20f, 50f}) {
            assertThat(Squashing.tanh(v)).as("plain tanh(%s)", v).isCloseTo((float) Math.tanh(v), Offset.offset(1e-7f));
        }
    }
}
