package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Matrix products. */
public final class Matmul {

    private Matmul() {
    }

    public static CpuTensor matmul(CpuTensor a, CpuTensor b) { throw new UnsupportedOperationException("not implemented yet"); }
}
