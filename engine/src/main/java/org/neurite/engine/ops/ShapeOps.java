package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Reshaping, transposing, slicing and gathering. */
public final class ShapeOps {

    private ShapeOps() {
    }

    public static CpuTensor reshape(CpuTensor a, int... dims) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor transpose(CpuTensor a, int axis1, int axis2) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor permute(CpuTensor a, int... order) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor slice(CpuTensor a, int axis, int start, int end) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor gather(CpuTensor a, int axis, CpuTensor index) { throw new UnsupportedOperationException("not implemented yet"); }
}
