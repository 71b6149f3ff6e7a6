package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Scaled dot-product attention. */
public final class Attention {

    private Attention() {
    }

    public static CpuTensor scaledDotProduct(CpuTensor q, CpuTensor k, CpuTensor v, CpuTensor mask, boolean causal) { throw new UnsupportedOperationException("not implemented yet"); }
}
