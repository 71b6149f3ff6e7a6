package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Broadcasting arithmetic and elementwise math. */
public final class Elementwise {

    private Elementwise() {
    }

    public static CpuTensor add(CpuTensor a, CpuTensor b) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor sub(CpuTensor a, CpuTensor b) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor mul(CpuTensor a, CpuTensor b) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor div(CpuTensor a, CpuTensor b) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor addScalar(CpuTensor a, float v) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor mulScalar(CpuTensor a, float v) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor exp(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor log(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor sqrt(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor pow(CpuTensor a, float e) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor abs(CpuTensor a) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor clamp(CpuTensor a, float min, float max) { throw new UnsupportedOperationException("not implemented yet"); }
}
