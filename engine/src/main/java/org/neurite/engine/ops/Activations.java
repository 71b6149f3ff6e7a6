package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Elementwise activation functions. */
public final class Activations {

    private Activations() {
    }

    public static CpuTensor step(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor sigmoid(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor tanh(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor relu(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor leakyRelu(CpuTensor a, float slope) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor elu(CpuTensor a, float alpha) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor gelu(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor silu(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor softplus(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
}
