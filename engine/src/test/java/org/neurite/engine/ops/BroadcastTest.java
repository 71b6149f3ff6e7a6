package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Fixtures.floats;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

class BroadcastTest {

    @Test
    void sameShapesBecomeOneRun() {
        Broadcast p = Broadcast.of("add", Shape.of(4, 5, 6), Shape.of(4, 5, 6));
        assertThat(p.rows()).isEqualTo(1);
        assertThat(p.cols()).isEqualTo(120);
        assertThat(p.step(0)).isEqualTo(1);
        assertThat(p.step(1)).isEqualTo(1);
    }

    @Test
    void scalarOperandIsHeld() {
        Broadcast p = Broadcast.of("mul", Shape.of(4, 5), Shape.scalar());
        assertThat(p.rows()).isEqualTo(1);
        assertThat(p.cols()).isEqualTo(20);
        assertThat(p.step(1)).isZero();
    }

    @Test
    void biasRowIsOneRunPerRowWithTheSameStart() {
        Broadcast p = Broadcast.of("add", Shape.of(7, 3, 5), Shape.of(5));
        assertThat(p.rows()).isEqualTo(21);
        assertThat(p.cols()).isEqualTo(5);
        assertThat(p.rowStart(0, 4)).isEqualTo(20);
        assertThat(p.rowStart(1, 4)).isZero();
        assertThat(p.step(1)).isEqualTo(1);
    }

    @Test
    void offsetsOfAGeneralBroadcast() {
        Broadcast p = Broadcast.of("mul", Shape.of(5, 1, 3), Shape.of(4, 1));
        assertThat(p.shape()).isEqualTo(Shape.of(5, 4, 3));
        // result [2, 3, 1] = row-major 2*12 + 3*3 + 1 = 34
        assertThat(p.offset(0, 34)).isEqualTo(7);
        assertThat(p.offset(1, 34)).isEqualTo(3);
        assertThat(p.offset(p.result(), 34)).isEqualTo(34);
    }

    @Test
    void expandAndReduceAreAdjoint() {
        Broadcast p = Broadcast.of("add", Shape.of(3), Shape.of(2, 1));
        assertThat(p.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(p.expand(0, floats(1, 2, 3))).containsExactly(1, 2, 3, 1, 2, 3);
        assertThat(p.expand(1, floats(1, 2))).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(p.reduce(0, floats(1, 2, 3, 4, 5, 6))).containsExactly(5, 7, 9);
        assertThat(p.reduce(1, floats(1, 2, 3, 4, 5, 6))).containsExactly(6, 15);
    }

    @Test
    void mismatchNamesEveryShape() {
        assertThatThrownBy(() -> Broadcast.of("where", Shape.of(2), Shape.of(3), Shape.of(1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("where: shapes [2], [3] and [1] do not broadcast");
        assertThatThrownBy(() -> Broadcast.to("maskedFill", Shape.of(3), Shape.of(2, 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("maskedFill: shape [2, 3] does not broadcast to [3]");
    }
}
