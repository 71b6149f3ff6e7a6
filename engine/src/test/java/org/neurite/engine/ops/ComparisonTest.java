package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;
import org.neurite.engine.tensor.CpuTensor;

class ComparisonTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(ComparisonTest.class, "generic_ops.txt");

    @Test
    void everyComparisonMatchesTorchWhenBroadcast() {
        TORCH.assertMatches("gt", 0, 0, in -> in.get(0).gt(in.get(1)), "a", "b");
        TORCH.assertMatches("ge", 0, 0, in -> in.get(0).ge(in.get(1)), "a", "b");
        TORCH.assertMatches("lt", 0, 0, in -> in.get(0).lt(in.get(1)), "a", "b");
        TORCH.assertMatches("le", 0, 0, in -> in.get(0).le(in.get(1)), "a", "b");
        TORCH.assertMatches("eq", 0, 0, in -> in.get(0).eq(in.get(1)), "a", "b");
        TORCH.assertMatches("ne", 0, 0, in -> in.get(0).ne(in.get(1)), "a", "b");
    }

    @Test
    void masksAreNotDifferentiableAndScalarFormsCompareWithAConstant() {
        CpuTensor x = GradCheck.random(3, 2, 3).requireGrad();
        Tensor mask = x.gt(0f);
        assertThat(mask.requiresGrad()).isFalse();
        float[] v = x.toArray();
        float[] m = mask.toArray();
        for (int i = 0; i < v.length; i++) {
            assertThat(m[i]).isEqualTo(v[i] > 0 ? 1f : 0f);
        }
        assertThat(Fixtures.vector(Float.NaN, 1f).ne(Float.NaN).toArray()).containsExactly(1f, 1f);
    }

    @Test
    void shapesThatDoNotBroadcastAreNamed() {
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).lt(GradCheck.random(2, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("lt: shapes [2, 3] and [2] do not broadcast");
    }
}
