package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;
import org.neurite.engine.tensor.CpuTensor;

class ExtremaTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(ExtremaTest.class, "generic_ops.txt");

    @Test
    void maximumAndMinimumMatchTorchWhenBroadcastAndTiesShareTheGradient() {
        TORCH.assertMatches("maximum", 1e-6, 1e-7, in -> in.get(0).maximum(in.get(1)), "a", "b");
        TORCH.assertMatches("minimum", 1e-6, 1e-7, in -> in.get(0).minimum(in.get(1)), "a", "b");
    }

    @Test
    void passTheGradientCheckAwayFromTies() {
        // a grid of distinct values a finite difference step cannot reorder
        CpuTensor a = Fixtures.tensor(Fixtures.floats(0.1, 0.9, -0.5, 0.7, -0.2, 0.4), 2, 3);
        CpuTensor b = Fixtures.tensor(Fixtures.floats(0.5, -0.8, 0.2), 3);
        GradCheck.create().check(in -> Extrema.maximum(in.get(0), in.get(1)), a, b);
        GradCheck.create().check(in -> Extrema.minimum(in.get(0), in.get(1)), a, b);
    }

    @Test
    void nanWinsAndBadShapesAreNamed() {
        assertThat(Fixtures.vector(Float.NaN, 1f).maximum(Fixtures.vector(0f, Float.NaN)).toArray())
                .containsExactly(Float.NaN, Float.NaN);
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).minimum(GradCheck.random(2, 4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("minimum: shapes [2, 3] and [4] do not broadcast");
    }
}
