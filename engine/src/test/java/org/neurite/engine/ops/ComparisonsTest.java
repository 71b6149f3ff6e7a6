package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.Close;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;
import org.neurite.engine.tensor.CpuTensor;

class ComparisonsTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(ComparisonsTest.class, "generic_ops.txt");

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
    void signMatchesTorch() {
        // torch records sign with a zero gradient; here it is a leaf, so only the values are compared
        Close.assertClose("sign", TORCH.tensor("sign.x").sign().toArray(), TORCH.values("sign.y"));
        assertThat(Fixtures.vector(Float.NaN).sign().item()).isNaN();
    }

    @Test
    void masksAreNotDifferentiableAndScalarFormsCompareWithAConstant() {
        CpuTensor x = GradCheck.random(3, 2, 3).requireGrad();
        Tensor mask = x.gt(0f);
        assertThat(mask.requiresGrad()).isFalse();
        assertThat(x.sign().requiresGrad()).isFalse();
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
