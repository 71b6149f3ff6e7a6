package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** 2-D convolution. */
public final class Conv2d {

    private Conv2d() {
    }

    public static CpuTensor forward(CpuTensor x, CpuTensor weight, CpuTensor bias, int[] stride, int[] padding) { throw new UnsupportedOperationException("not implemented yet"); }
}
