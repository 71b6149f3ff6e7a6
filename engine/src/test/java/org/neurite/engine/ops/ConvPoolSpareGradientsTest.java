package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neurite.engine.Fixtures;
import org.neurite.engine.autograd.SpareGradients;
import org.neurite.engine.tensor.CpuTensor;

/** Convolution and max pooling write their input gradients into arrays lent by {@link SpareGradients}. */
class ConvPoolSpareGradientsTest {

    private static final int[] ONE = {1, 1};

    @BeforeEach
    @AfterEach
    void releaseCarriedArrays() {
        SpareGradients.releaseThisThread();
    }

    /**
     * Two conv + ReLU + max-pool blocks, the second convolution applied twice with one weight
     * (weight sharing: two live uses of the same op in one graph): the gradients are the same
     * bits whether the backward pass writes into new arrays or into kept ones full of NaN.
     */
    @Test
    void convolutionAndPoolingGradientsAreTheSameInArraysThatHeldAnything() {
        Map<String, float[]> fresh = convPoolGradients();
        SpareGradients.releaseThisThread();
        // every size the backward pass takes: the input, conv1's output and the 16x16 maps, twice each
        for (int size : new int[] {2 * 3 * 32 * 32, 2 * 16 * 32 * 32, 2 * 16 * 16 * 16}) {
            for (int copy = 0; copy < 2; copy++) {
                float[] poisoned = new float[size];
                Arrays.fill(poisoned, Float.NaN);
                SpareGradients.giveBack(poisoned);
            }
        }
        Map<String, float[]> reused = convPoolGradients();
        assertThat(reused.keySet()).isEqualTo(fresh.keySet());
        fresh.forEach((name, g) -> assertThat(reused.get(name)).as(name).containsExactly(g));
        assertThat(fresh.get("x")).as("the input's gradient").doesNotContain(Float.NaN);
    }

    private static Map<String, float[]> convPoolGradients() {
        CpuTensor x = Fixtures.sine(0.1, 2, 3, 32, 32).requireGrad();
        CpuTensor w1 = Fixtures.sine(0.2, 0.3, 16, 3, 3, 3).requireGrad();
        CpuTensor b1 = Fixtures.sine(0.3, 0.1, 16).requireGrad();
        CpuTensor w2 = Fixtures.sine(0.4, 0.2, 16, 16, 3, 3).requireGrad();
        CpuTensor b2 = Fixtures.sine(0.5, 0.1, 16).requireGrad();
        int[] pool = {2, 2};
        int[] none = {0, 0};
        CpuTensor h = Conv2d.forward(x, w1, b1, ONE, ONE, ONE, 1, true);
        h = Pooling.maxPool2d(h, pool, pool, none);
        h = Conv2d.forward(h, w2, b2, ONE, ONE, ONE, 1, true);
        h = Conv2d.forward(h, w2, b2, ONE, ONE, ONE, 1, true);
        CpuTensor y = Pooling.maxPool2d(h, pool, pool, none);
        y.backward(Fixtures.sine(0.6, 2, 16, 8, 8));
        Map<String, float[]> grads = new LinkedHashMap<>();
        grads.put("x", x.gradArray().clone());
        grads.put("w1", w1.gradArray().clone());
        grads.put("b1", b1.gradArray().clone());
        grads.put("w2", w2.gradArray().clone());
        grads.put("b2", b2.gradArray().clone());
        return grads;
    }
}
