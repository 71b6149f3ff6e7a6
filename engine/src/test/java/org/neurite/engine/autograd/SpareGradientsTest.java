package org.neurite.engine.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    /** {@code 3 x}, whose backward first takes an array of its size into {@code lent}. */
    private static CpuTensor tripleTaking(CpuTensor x, AtomicReference<float[]> lent) {
        return triple(x, g -> lent.set(SpareGradients.take(2)));
    }

    @BeforeEach
    @AfterEach
    void releaseCarriedArrays() {
        SpareGradients.releaseThisThread();
    }

    @Test
    void outsideABackwardPassEveryArrayIsFreshAndOnlyLargeOnesAreCarried() {
        float[] small = {1, 2};
        SpareGradients.giveBack(small);
        assertThat(SpareGradients.take(2)).isNotSameAs(small).containsExactly(0, 0);
        assertThat(SpareGradients.carriedOnThisThread()).isZero();
        float[] large = new float[SpareGradients.MIN_CARRIED_FLOATS];
        SpareGradients.giveBack(large);
        assertThat(SpareGradients.take(large.length)).as("outside a pass").isNotSameAs(large);
        assertThat(SpareGradients.carriedOnThisThread()).isOne();
    }

    @Test
    void theLargeSparesOfAPassAreLentInTheThreadsNextPassOnce() {
        int size = SpareGradients.MIN_CARRIED_FLOATS;
        Shape shape = Shape.of(size);
        AtomicReference<float[]> firstGradient = new AtomicReference<>();
        CpuTensor x = Fixtures.sine(0.1, 0.5, size).requireGrad();
        CpuTensor h = CpuTensor.result("first", x.data().clone(), shape, g -> {
            firstGradient.set(g);
            x.accumulateGrad(g);
        }, x);
        h.sum().backward();
        assertThat(SpareGradients.carriedOnThisThread()).as("h's gradient, free at the end").isOne();

        AtomicReference<float[]> secondGradient = new AtomicReference<>();
        AtomicReference<float[]> lentAgain = new AtomicReference<>();
        CpuTensor y = Fixtures.sine(0.2, 0.5, size).requireGrad();
        CpuTensor z = CpuTensor.result("second", y.data().clone(), shape, g -> {
            secondGradient.set(g);
            lentAgain.set(SpareGradients.take(size));
            y.accumulateGrad(g);
        }, y);
        z.sum().backward();
        long lent = Stream.of(secondGradient.get(), lentAgain.get()).filter(a -> a == firstGradient.get()).count();
        assertThat(lent).as("times the carried array was lent").isOne();
        assertThat(y.gradArray() == firstGradient.get()).as("y's gradient is the lent array").isFalse();
    }

    @Test
    void anotherThreadDoesNotSeeTheArraysThisThreadCarries() throws InterruptedException {
        float[] spent = new float[SpareGradients.MIN_CARRIED_FLOATS];
        SpareGradients.giveBack(spent);
        int[] carriedThere = new int[1];
        Thread other = new Thread(() -> carriedThere[0] = SpareGradients.carriedOnThisThread());
        other.start();
        other.join();
        assertThat(carriedThere[0]).isZero();
        assertThat(SpareGradients.carriedOnThisThread()).isOne();
    }

    @Test
    void atMostTheBoundIsCarriedTheLargestFirst() {
        float[] small = new float[SpareGradients.MIN_CARRIED_FLOATS];
        float[] half = new float[(int) (SpareGradients.MAX_CARRIED_FLOATS / 2)];
        SpareGradients.giveBack(small);
        SpareGradients.giveBack(half);
        SpareGradients.giveBack(new float[half.length]);
        assertThat(SpareGradients.carriedOnThisThread()).as("two halves fill the bound").isEqualTo(2);
        SpareGradients.giveBack(new float[SpareGradients.MIN_CARRIED_FLOATS - 1]);
        assertThat(SpareGradients.carriedOnThisThread()).isEqualTo(2);
    }

    @Test
    void aGradientNoInputTookIsLentToALaterGradientOfItsSize() {
        CpuTensor x = Fixtures.vector(1, 2).requireGrad();
        AtomicReference<float[]> outerGradient = new AtomicReference<>();
        AtomicReference<float[]> lentInner = new AtomicReference<>();
        // inner's backward runs after outer's has sent its gradient on and outer has dropped it
        CpuTensor inner = tripleTaking(x, lentInner);
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
        CpuTensor inner = tripleTaking(x, lentInner);
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
        CpuTensor inner = tripleTaking(x, lentInner);
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
