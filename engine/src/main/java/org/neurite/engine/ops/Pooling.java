package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** 2-D max and average pooling. */
public final class Pooling {

    private Pooling() {
    }

    public static CpuTensor maxPool2d(CpuTensor x, int[] kernel, int[] stride, int[] padding) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor avgPool2d(CpuTensor x, int[] kernel, int[] stride, int[] padding) { throw new UnsupportedOperationException("not implemented yet"); }
}
