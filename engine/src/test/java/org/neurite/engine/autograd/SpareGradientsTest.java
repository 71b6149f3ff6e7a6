package org.neurite.engine.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.engine.Fixtures;
import org.neurite.engine.ops.CustomOps;
import org.neurite.engine.tensor.CpuTensor;

class SpareGradientsTest {

    private static final Shape TWO = Shape.of(2);

    /** {@code 3 x}, whose backward first runs {@code before} on the arriving gradient. */
    private static CpuTensor triple(CpuTensor x, java.util.function.Consumer<float[]> before) {
        float[] y = {3 * x.data()[0], 3 * x.data()[1]};
        return CpuTensor.result("triple", y, TWO, g -> {
            before.accept(g);
            x.accumulateGrad(new float[] {3 * g[0], 3 * g[1]});
        }, x);
    }

    @Test
    void outsideABackwardPassEveryArrayIsFreshAndNothingIsKept() {
        float[] given = {1, 2};
        SpareGradients.giveBack(given);
        float[] taken = SpareGradients.take(2);
        assertThat(taken).isNotSameAs(given).containsExactly(0, 0);
    }

    @Test
    void aGradientNoInputTookIsLentToALaterGradientOfItsSize() {
        CpuTensor x = Fixtures.vector(1, 2).requireGrad();
        AtomicReference<float[]> outerGradient = new AtomicReference<>();
        AtomicReference<float[]> lentInner = new AtomicReference<>();
        // inner's backward runs after outer's has sent its gradient on and outer has dropped it
        CpuTensor inner = triple(x, g -> lentInner.set(SpareGradients.take(2)));
        CpuTensor outer = triple(inner, outerGradient::set);
        outer.sum().backward();
        assertThat(lentInner.get()).isSameAs(outerGradient.get());
        assertThat(x.gradArray()).containsExactly(9, 9);
    }

    @Test
    void aGradientHandedToAnInputIsNotLent() {
        CpuTensor x = Fixtures.vector(1, 2).requireGrad();
        AtomicReference<float[]> outerGradient = new AtomicReference<>();
        AtomicReference<float[]> lentInner = new AtomicReference<>();
        CpuTensor inner = triple(x, g -> lentInner.set(SpareGradients.take(2)));
        // the identity op hands its own gradient array to its input
        CpuTensor outer = CpuTensor.result("same", inner.data().clone(), TWO, g -> {
            outerGradient.set(g);
            inner.adoptGrad(g);
        }, inner);
        outer.sum().backward();
        assertThat(lentInner.get()).isNotSameAs(outerGradient.get());
        assertThat(x.gradArray()).containsExactly(3, 3);
    }

    @Test
    void theGradientACustomOpSawIsNotLentAndKeepsItsValues() {
        CpuTensor x = Fixtures.vector(1, 2).requireGrad();
        AtomicReference<float[]> seen = new AtomicReference<>();
        AtomicReference<float[]> lentInner = new AtomicReference<>();
        CpuTensor inner = triple(x, g -> lentInner.set(SpareGradients.take(2)));
        CpuTensor outer = CustomOps.record("keeps", inner.data().clone(), TWO, gradients -> {
            seen.set(gradients.output());
            gradients.add(0, new float[] {2, 2});
        }, inner);
        outer.mul(5f).sum().backward();
        assertThat(lentInner.get()).isNotSameAs(seen.get());
        assertThat(seen.get()).containsExactly(5, 5);
        assertThat(x.gradArray()).containsExactly(6, 6);
    }
}
