package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class TriangularTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(TriangularTest.class, "generic_ops.txt");

    @Test
    void matchesTorchAboveOnAndBelowTheDiagonal() {
        TORCH.assertMatches("triu0", 0, 0, in -> in.get(0).triu(0), "x");
        TORCH.assertMatches("triu1", 0, 0, in -> in.get(0).triu(1), "x");
        TORCH.assertMatches("tril0", 0, 0, in -> in.get(0).tril(0), "x");
        TORCH.assertMatches("tril_neg1", 0, 0, in -> in.get(0).tril(-1), "x");
    }

    @Test
    void onOnesItMakesACausalMask() {
        Tensor future = CpuBackend.instance().ones(Shape.of(3, 3)).triu(1);
        assertThat(future.toArray()).containsExactly(0, 1, 1, 0, 0, 1, 0, 0, 0);
        assertThat(CpuBackend.instance().ones(Shape.of(2, 3)).tril(-5).toArray()).containsOnly(0f);
        assertThat(CpuBackend.instance().ones(Shape.of(2, 3)).triu(-5).toArray()).containsOnly(1f);
    }

    @Test
    void passesTheGradientCheck() {
        GradCheck.create().check(in -> Triangular.tril(in.get(0), 1), GradCheck.random(1, 2, 3, 4));
    }

    @Test
    void aVectorIsRefused() {
        assertThatThrownBy(() -> GradCheck.random(1, 3).triu(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("triu: needs a tensor of rank 2 or more (matrices in the last two axes), got shape [3]");
    }
}
