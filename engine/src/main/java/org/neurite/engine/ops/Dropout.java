package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Inverted dropout. */
public final class Dropout {

    private Dropout() {
    }

    public static CpuTensor apply(CpuTensor x, float p, Mode mode, RandomGenerator random) { throw new UnsupportedOperationException("not implemented yet"); }
}
