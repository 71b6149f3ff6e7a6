package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class ExpandTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(ExpandTest.class, "generic_ops.txt");

    @Test
    void matchesTorchAndSumsTheGradientOverStretchedAxes() {
        TORCH.assertMatches("expand", 1e-6, 1e-7, in -> in.get(0).expand(2, 3, 4), "x");
        TORCH.assertMatches("expand", 1e-6, 1e-7, in -> in.get(0).expand(2, -1, 4), "x");
    }

    @Test
    void passesTheGradientCheck() {
        GradCheck.create().check(in -> Expand.expand(in.get(0), 3, 2, -1), GradCheck.random(1, 1, 4));
        assertThat(GradCheck.random(2, 3).expand(3).shape()).isEqualTo(Shape.of(3));
    }

    @Test
    void shapesThatDoNotFitAreNamed() {
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).expand(4, 3))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("expand: shape [2, 3] does not broadcast to [4, 3]");
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).expand(3))
                .hasMessage("expand: [3] has fewer axes than the shape [2, 3]");
        assertThatThrownBy(() -> GradCheck.random(1, 3).expand(-1, 3))
                .hasMessage("expand: length -1 at position 0 of [-1, 3] for shape [3] (-1 keeps an existing axis only)");
    }
}
