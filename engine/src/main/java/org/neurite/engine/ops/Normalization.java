package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Layer and batch normalisation. */
public final class Normalization {

    private Normalization() {
    }

    public static CpuTensor layerNorm(CpuTensor x, Shape normalizedShape, CpuTensor gamma, CpuTensor beta, float epsilon) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor batchNorm(CpuTensor x, CpuTensor gamma, CpuTensor beta, Parameter runningMean, Parameter runningVar, float momentum, float epsilon, Mode mode) { throw new UnsupportedOperationException("not implemented yet"); }
}
