package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

/** The custom-op example of the plugin author's guide: PyTorch's values and a finite-difference check. */
class SwiGluTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(SwiGluTest.class, "generic_ops.txt");

    @Test
    void matchesTorchWithItsGradient() {
        TORCH.assertMatches("swiglu", 1e-5, 1e-7, in -> SwiGlu.apply(in.get(0)), "x");
    }

    @Test
    void passesTheGradientCheckInsideALargerGraph() {
        GradCheck.create().check(in -> SwiGlu.apply(in.get(0).matmul(in.get(1))).tanh(),
                GradCheck.random(1, 3, 4), GradCheck.random(2, 4, 6));
    }

    @Test
    void anOddLastAxisIsRefused() {
        assertThatThrownBy(() -> SwiGlu.apply(GradCheck.random(1, 2, 5)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("swiglu: the last axis of [2, 5] must have an even length");
    }
}
