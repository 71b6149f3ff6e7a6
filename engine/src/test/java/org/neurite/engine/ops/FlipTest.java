package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class FlipTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(FlipTest.class, "generic_ops.txt");

    @Test
    void matchesTorchOnTwoAxes() {
        TORCH.assertMatches("flip02", 0, 0, in -> in.get(0).flip(0, -1), "x");
    }

    @Test
    void passesTheGradientCheckAndNoAxesIsACopy() {
        GradCheck.create().check(in -> Flip.flip(in.get(0), 1), GradCheck.random(1, 2, 3, 2));
        assertThat(Fixtures.vector(1f, 2f, 3f).flip().toArray()).containsExactly(1f, 2f, 3f);
    }

    @Test
    void badAxesAreNamed() {
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).flip(1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flip: axis 1 given twice for shape [2, 3]");
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).flip(2))
                .hasMessage("flip: axis 2 is out of range for shape [2, 3]");
    }
}
