package com.example.neurite.mish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurite.testkit.Gradients;
import org.neurite.testkit.Tensors;

class MishTest {

    @Test
    void valuesAndGradients() {
        // mish(1) = tanh(ln(1 + e)) = 0.8650984; from torch.nn.functional.mish
        assertEquals(0.8650984f, new Mish().apply(Tensors.of(new float[] {1}, 1)).item(), 1e-6f);
        Gradients.of(new Mish(), 3, 4);
    }
}
