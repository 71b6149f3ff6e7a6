package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class PaddingTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(PaddingTest.class, "generic_ops.txt");

    @Test
    void matchesTorchWithDifferentWidthsPerAxisAndSide() {
        TORCH.assertMatches("pad", 0, 0, in -> in.get(0).pad(new int[] {1, 0}, new int[] {0, 2}, 0.5f), "x");
    }

    @Test
    void oneAxisAtATime() {
        assertThat(Fixtures.vector(1f, 2f).pad(0, 2, 1, -1f).toArray()).containsExactly(-1f, -1f, 1f, 2f, -1f);
        assertThat(GradCheck.random(1, 2, 3, 4).pad(-2, 0, 3, 0f).shape()).isEqualTo(Shape.of(2, 6, 4));
    }

    @Test
    void passesTheGradientCheck() {
        GradCheck.create().check(in -> Padding.pad(in.get(0), new int[] {2, 0, 1}, new int[] {1, 1, 0}, 3f),
                GradCheck.random(1, 2, 3, 2));
    }

    @Test
    void badWidthsAreNamed() {
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).pad(new int[] {1}, new int[] {1}, 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pad: widths before [1] and after [1] need one entry per axis of shape [2, 3]");
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).pad(1, -1, 0, 0f))
                .hasMessage("pad: negative width on axis 1 (before [0, -1], after [0, 0]) for shape [2, 3]");
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).pad(2, 1, 1, 0f))
                .hasMessage("pad: axis 2 is out of range for shape [2, 3]");
    }
}
