package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Embedding table lookup. */
public final class Embedding {

    private Embedding() {
    }

    public static CpuTensor lookup(CpuTensor weight, CpuTensor indices) { throw new UnsupportedOperationException("not implemented yet"); }
}
