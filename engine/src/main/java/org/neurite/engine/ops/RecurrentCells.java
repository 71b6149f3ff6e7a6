package org.neurite.engine.ops;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Fused RNN, LSTM and GRU cell steps. */
public final class RecurrentCells {

    private RecurrentCells() {
    }

    public static CpuTensor rnn(CpuTensor x, CpuTensor h, CpuTensor wIh, CpuTensor wHh, CpuTensor bIh, CpuTensor bHh, boolean useRelu) { throw new UnsupportedOperationException("not implemented yet"); }
    public static List<Tensor> lstm(CpuTensor x, CpuTensor h, CpuTensor c, CpuTensor wIh, CpuTensor wHh, CpuTensor bIh, CpuTensor bHh) { throw new UnsupportedOperationException("not implemented yet"); }
    public static CpuTensor gru(CpuTensor x, CpuTensor h, CpuTensor wIh, CpuTensor wHh, CpuTensor bIh, CpuTensor bHh) { throw new UnsupportedOperationException("not implemented yet"); }
}
