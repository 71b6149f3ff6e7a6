package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Elementwise choice and masking. */
public final class Selection {

    private Selection() {
    }

    public static CpuTensor where(CpuTensor condition, CpuTensor a, CpuTensor b) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor maskedFill(CpuTensor x, CpuTensor mask, float value) { throw new UnsupportedOperationException("not implemented yet"); }
}
