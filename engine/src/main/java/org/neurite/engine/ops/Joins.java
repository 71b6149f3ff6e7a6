package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Concatenation and stacking. */
public final class Joins {

    private Joins() {
    }

    public static CpuTensor concat(List<CpuTensor> tensors, int axis) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor stack(List<CpuTensor> tensors, int axis) { throw new UnsupportedOperationException("not implemented yet"); }
}
