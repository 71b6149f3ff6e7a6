package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class CumulativeSumTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(CumulativeSumTest.class, "generic_ops.txt");

    @Test
    void matchesTorchOnTheFirstAndLastAxis() {
        TORCH.assertMatches("cumsum0", 1e-6, 1e-7, in -> in.get(0).cumsum(0), "x");
        TORCH.assertMatches("cumsum_last", 1e-6, 1e-7, in -> in.get(0).cumsum(-1), "x");
    }

    @Test
    void passesTheGradientCheckOnAMiddleAxis() {
        GradCheck.create().check(in -> CumulativeSum.cumsum(in.get(0), 1), GradCheck.random(1, 2, 4, 3));
    }

    @Test
    void anAxisOutOfRangeIsNamed() {
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).cumsum(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cumsum: axis -3 is out of range for shape [2, 3]");
    }
}
