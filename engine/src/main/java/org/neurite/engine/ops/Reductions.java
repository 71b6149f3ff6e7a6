package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Sums, means and maxima over axes. */
public final class Reductions {

    private Reductions() {
    }

    public static CpuTensor sum(CpuTensor a, boolean keepDims, int... axes) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor mean(CpuTensor a, boolean keepDims, int... axes) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor max(CpuTensor a, int axis, boolean keepDims) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor argmax(CpuTensor a, int axis) { throw new UnsupportedOperationException("not implemented yet"); }
}
