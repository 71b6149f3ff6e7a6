package org.neurite.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void readsAsAList() {
        assertThat(Shape.of(128, 784)).hasToString("[128, 784]");
        assertThat(Shape.scalar()).hasToString("[]");
    }

    @Test
    void sizeIsTheProductOfDimensions() {
        assertThat(Shape.of(2, 3, 4).size()).isEqualTo(24);
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThat(Shape.of(5, 0).size()).isZero();
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.axis(-3)).isZero();
        assertThatThrownBy(() -> s.dim(3)).hasMessageContaining("axis 3 is out of range for shape [2, 3, 4]");
    }

    @Test
    void isImmutableAndComparesByValue() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        assertThat(s).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        s.dims()[1] = 7;
        assertThat(s.dim(1)).isEqualTo(3);
    }

    @Test
    void addsAndDropsTheBatchAxis() {
        assertThat(Shape.of(784).prepend(128)).isEqualTo(Shape.of(128, 784));
        assertThat(Shape.of(128, 1, 28, 28).dropFirst()).isEqualTo(Shape.of(1, 28, 28));
    }

    @Test
    void rejectsNegativeDimensions() {
        assertThatThrownBy(() -> Shape.of(3, -1)).hasMessageContaining("negative dimension -1 at axis 1");
    }
}
