package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.check.TorchFixture;
import org.neurite.engine.tensor.CpuTensor;

/** Reference values: {@code fixtures/attention/make_fixtures.py} (PyTorch 1.13, head by head). */
class MultiHeadAttentionTest {

    static Stream<TorchFixture> torchCases() {
        return TorchFixture.cases("/fixtures/attention/multi_head_attention.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("torchCases")
    void matchesTorch(TorchFixture c) {
        CpuTensor q = c.tensor("q").requireGrad();
        CpuTensor k = c.tensor("k").requireGrad();
        CpuTensor v = c.tensor("v").requireGrad();
        CpuTensor mask = c.has("key_padding_mask") ? c.tensor("key_padding_mask") : null;

        CpuTensor y = MultiHeadAttention.apply(q, k, v, c.integer("heads"), mask, c.flag("causal"), 0f,
                Mode.TRAINING, null);
        y.backward(c.tensor("grad"));

        assertThat(y.shape()).isEqualTo(c.tensor("out").shape());
        c.assertClose("out", y.toArray(), 1e-4, 1e-5);
        c.assertClose("dq", q.gradArray(), 1e-4, 1e-5);
        c.assertClose("dk", k.gradArray(), 1e-4, 1e-5);
        c.assertClose("dv", v.gradArray(), 1e-4, 1e-5);
    }

    @Test
    void gradientsPassFiniteDifferences() {
        CpuTensor mask = CpuTensor.wrap(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, Shape.of(2, 5));
        for (boolean causal : new boolean[] {false, true}) {
            GradCheck.create().check(in -> MultiHeadAttention.apply(in.get(0), in.get(1), in.get(2), 2, mask, causal,
                    0f, Mode.TRAINING, null),
                    GradCheck.random(1, 2, 5, 4), GradCheck.random(2, 2, 5, 4), GradCheck.random(3, 2, 5, 6));
        }
        // cross attention, lq > block would be slow here: lq != lk with a causal offset instead
        GradCheck.create().check(in -> MultiHeadAttention.apply(in.get(0), in.get(1), in.get(2), 3, null, true,
                0f, Mode.TRAINING, null),
                GradCheck.random(4, 1, 2, 6), GradCheck.random(5, 1, 4, 6), GradCheck.random(6, 1, 4, 3));
    }

    @Test
    void dropoutGradientsPassFiniteDifferencesWithTheSameSeed() {
        // every evaluation draws its seed from a fresh generator of one seed: the same mask each time
        GradCheck.create().check(in -> MultiHeadAttention.apply(in.get(0), in.get(1), in.get(2), 2, null, false,
                0.3f, Mode.TRAINING, new SplittableRandom(7)),
                GradCheck.random(7, 2, 4, 4), GradCheck.random(8, 2, 4, 4), GradCheck.random(9, 2, 4, 4));
    }

    @Test
    void dropoutZeroesAboutThatShareOfTheWeightsAndKeepsTheMeanInTraining() {
        // With v = identity rows, the output is the (dropped) weight matrix itself.
        int l = 64;
        float[] eye = new float[l * l];
        for (int i = 0; i < l; i++) {
            eye[i * l + i] = 1;
        }
        CpuTensor q = CpuTensor.wrap(new float[l * 4], Shape.of(1, l, 4));
        CpuTensor v = CpuTensor.wrap(eye, Shape.of(1, l, l));
        float[] w = MultiHeadAttention.apply(q, q, v, 1, null, false, 0.25f, Mode.TRAINING, new SplittableRandom(1))
                .toArray();
        long zeros = 0;
        double sum = 0;
        for (float x : w) {
            zeros += x == 0f ? 1 : 0;
            sum += x;
        }
        assertThat(zeros / (double) w.length).isBetween(0.22, 0.28);
        assertThat(sum / l).isBetween(0.95, 1.05);
        float[] inference = MultiHeadAttention.apply(q, q, v, 1, null, false, 0.25f, Mode.INFERENCE, null).toArray();
        assertThat(inference).containsOnly(1f / l);
    }

    @Test
    void aQueryWithoutAnyVisibleKeyGivesZerosAndNoNaN() {
        CpuTensor q = GradCheck.random(1, 2, 3, 4).requireGrad();
        CpuTensor k = GradCheck.random(2, 2, 3, 4).requireGrad();
        CpuTensor v = GradCheck.random(3, 2, 3, 4).requireGrad();
        CpuTensor mask = CpuTensor.wrap(new float[] {0, 0, 0, 1, 1, 1}, Shape.of(2, 3));
        CpuTensor y = MultiHeadAttention.apply(q, k, v, 2, mask, false, 0f, Mode.TRAINING, null);
        y.sum().backward();
        assertThat(y.toArray()).doesNotContain(Float.NaN);
        assertThat(List.of(y.toArray()[0], y.toArray()[11])).containsOnly(0f);
        assertThat(q.gradArray()).doesNotContain(Float.NaN);
        assertThat(k.gradArray()).doesNotContain(Float.NaN);
    }

    @Test
    void largeScoresStayFinite() {
        CpuTensor q = GradCheck.random(1, 1, 4, 8);
        for (int i = 0; i < q.data().length; i++) {
            q.data()[i] *= 1000;
        }
        float[] y = MultiHeadAttention.apply(q, q, q, 2, null, true, 0f, Mode.INFERENCE, null).toArray();
        assertThat(y).doesNotContain(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
    }

    @Test
    void rejectsShapesThatDoNotFit() {
        CpuTensor q = CpuTensor.wrap(new float[2 * 3 * 6], Shape.of(2, 3, 6));
        CpuTensor k = CpuTensor.wrap(new float[2 * 5 * 6], Shape.of(2, 5, 6));
        assertThatThrownBy(() -> MultiHeadAttention.apply(q, k, k, 4, null, false, 0f, Mode.INFERENCE, null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("multiHeadAttention: q [2, 3, 6], k [2, 5, 6], v [2, 5, 6] must be [batch, lq, heads * d],"
                        + " [batch, lk, heads * d], [batch, lk, heads * dv] with 4 heads");
        CpuTensor mask = CpuTensor.wrap(new float[2 * 3], Shape.of(2, 3));
        assertThatThrownBy(() -> MultiHeadAttention.apply(q, k, k, 2, mask, false, 0f, Mode.INFERENCE, null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("multiHeadAttention: key padding mask [2, 3] must be [batch, lk] = [2, 5]");
    }

    @Test
    void selfAttentionOverOnePackedTensorEqualsAttentionOverItsThirds() {
        // 40 steps: more than a block of query rows; dropout, so the mask's seed must match too
        CpuTensor mask = CpuTensor.wrap(maskWithPadding(2, 40, 33), Shape.of(2, 40));
        for (boolean causal : new boolean[] {false, true}) {
            CpuTensor packed = GradCheck.random(11, 2, 40, 24).requireGrad();
            CpuTensor whole = CpuTensor.wrap(packed.toArray(), packed.shape()).requireGrad();
            CpuTensor grad = GradCheck.random(12, 2, 40, 8);

            CpuTensor y = MultiHeadAttention.applySelf(packed, 2, mask, causal, 0.2f, Mode.TRAINING,
                    new SplittableRandom(3));
            y.backward(grad);
            CpuTensor expected = MultiHeadAttention.apply(ShapeOps.slice(whole, 2, 0, 8),
                    ShapeOps.slice(whole, 2, 8, 16), ShapeOps.slice(whole, 2, 16, 24), 2, mask, causal, 0.2f, Mode.TRAINING, new SplittableRandom(3));
            expected.backward(grad);

            assertThat(y.toArray()).containsExactly(expected.toArray());
            assertThat(packed.gradArray()).containsExactly(whole.gradArray());
        }
    }

    @Test
    void selfAttentionGradientsPassFiniteDifferences() {
        CpuTensor mask = CpuTensor.wrap(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, Shape.of(2, 5));
        for (boolean causal : new boolean[] {false, true}) {
            GradCheck.create().check(in -> MultiHeadAttention.applySelf(in.get(0), 2, mask, causal, 0f,
                    Mode.TRAINING, null), GradCheck.random(13, 2, 5, 12));
        }
    }

    @Test
    void selfAttentionRejectsAWidthThatIsNotThreeTimesTheHeads() {
        CpuTensor qkv = CpuTensor.wrap(new float[2 * 3 * 8], Shape.of(2, 3, 8));
        assertThatThrownBy(() -> MultiHeadAttention.applySelf(qkv, 2, null, true, 0f, Mode.INFERENCE, null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("multiHeadSelfAttention: qkv [2, 3, 8] must be [batch, time, 3 * heads * d] with 2 heads");
    }

    private static float[] maskWithPadding(int batch, int time, int real) {
        float[] mask = new float[batch * time];
        for (int b = 0; b < batch; b++) {
            Arrays.fill(mask, b * time, b * time + (b == 0 ? time : real), 1f);
        }
        return mask;
    }
}
