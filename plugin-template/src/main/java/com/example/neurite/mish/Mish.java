package com.example.neurite.mish;

import org.neurite.api.Activation;
import org.neurite.api.Tensor;

/**
 * Mish, {@code x * tanh(softplus(x))} (Misra, 2019): smooth, non-monotonic, unbounded above.
 * Built from api tensor operations only, so Neurite differentiates it without further code.
 */
final class Mish implements Activation {

    @Override
    public String name() {
        return MishProvider.NAME;
    }

    @Override
    public Tensor apply(Tensor x) {
        return x.mul(x.softplus().tanh());
    }
}
