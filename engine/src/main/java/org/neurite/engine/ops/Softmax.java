package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Numerically stable softmax and log-softmax. */
public final class Softmax {

    private Softmax() {
    }

    public static CpuTensor softmax(CpuTensor x, int axis) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor logSoftmax(CpuTensor x, int axis) { throw new UnsupportedOperationException("not implemented yet"); }
}
