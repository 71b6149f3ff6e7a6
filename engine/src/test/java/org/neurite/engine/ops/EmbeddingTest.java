package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class EmbeddingTest {

    private static final float[] TABLE = {
        0f, 1f, 2f,
        10f, 11f, 12f,
        20f, 21f, 22f,
        30f, 31f, 32f};

    @Test
    void looksUpRowsForIndicesOfAnyShape() {
        CpuTensor w = CpuTensor.wrap(TABLE.clone(), Shape.of(4, 3));
        CpuTensor idx = CpuTensor.wrap(new float[] {2, 0, 3, 2}, Shape.of(2, 2));
        CpuTensor y = Embedding.lookup(w, idx);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(y.toArray()).containsExactly(20f, 21f, 22f, 0f, 1f, 2f, 30f, 31f, 32f, 20f, 21f, 22f);
    }

    @Test
    void gradientIsScatterAddedIntoTheLookedUpRows() {
        CpuTensor w = CpuTensor.wrap(TABLE.clone(), Shape.of(4, 3)).requireGrad();
        CpuTensor idx = CpuTensor.wrap(new float[] {2, 0, 2}, Shape.of(3));
        CpuTensor y = Embedding.lookup(w, idx);
        y.backward(CpuTensor.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, Shape.of(3, 3)));
        assertThat(w.gradArray()).containsExactly(
                4f, 5f, 6f,
                0f, 0f, 0f,
                8f, 10f, 12f,
                0f, 0f, 0f);
        GradCheck.create().check(in -> Embedding.lookup(in.get(0), idx), GradCheck.random(1, 4, 3));
    }

    @Test
    void rejectsIndicesOutsideTheTableOrNotIntegral() {
        CpuTensor w = CpuTensor.wrap(TABLE.clone(), Shape.of(4, 3));
        assertThatThrownBy(() -> Embedding.lookup(w, CpuTensor.wrap(new float[] {0, 1, 2, 4}, Shape.of(2, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embedding: index 4.0 at position [1, 1] of indices [2, 2] is not an integer in [0, 4)"
                        + " for vocabulary size 4");
        assertThatThrownBy(() -> Embedding.lookup(w, CpuTensor.wrap(new float[] {1.5f}, Shape.of(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1.5 at position [0]");
        assertThatThrownBy(() -> Embedding.lookup(w, CpuTensor.wrap(new float[] {0, -1}, Shape.of(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index -1.0 at position [1]");
        assertThatThrownBy(() -> Embedding.lookup(w, CpuTensor.wrap(new float[] {Float.NaN}, Shape.of(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index NaN");
        assertThatThrownBy(() -> Embedding.lookup(CpuTensor.wrap(new float[4], Shape.of(4)),
                CpuTensor.wrap(new float[] {0}, Shape.of(1))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("embedding: weight [4] must have rank 2 [vocabulary, dim]");
    }
}
