package org.neurite.engine.ops;

import java.util.List;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.kernel.Squashing;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Fused steps of the Elman RNN, LSTM and GRU cells with PyTorch's parameter layout. Each step
 * computes the gate pre-activations with two matrix products ({@code x W_ih^T} and
 * {@code h W_hh^T}, biases folded in), then does all gate math in one loop; the backward
 * inverts that loop by hand and sends the gate gradients back through the same products.
 */
public final class RecurrentCells {

    private RecurrentCells() {
    }

    /**
     * One Elman RNN step: {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)}.
     *
     * @param x {@code [batch, inputSize]}
     * @param h {@code [batch, hidden]}
     * @param wIh {@code [hidden, inputSize]}
     * @param wHh {@code [hidden, hidden]}
     * @param bIh {@code [hidden]}, or null
     * @param bHh {@code [hidden]}, or null
     * @param useRelu ReLU instead of tanh
     * @return the new hidden state {@code [batch, hidden]}
     */
    public static CpuTensor rnn(CpuTensor x, CpuTensor h, CpuTensor wIh, CpuTensor wHh, CpuTensor bIh,
                                CpuTensor bHh, boolean useRelu) {
        Cell cell = Cell.check("rnnCell", 1, x, h, wIh, wHh, bIh, bHh);
        float[] out = summedPreActivations(cell, x, h, wIh, wHh, bIh, bHh);
        if (useRelu) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(out[i], 0f);
            }
        } else {
            Squashing.tanh(out, 0, out.length);
        }
        return CpuTensor.result("rnnCell", out, h.shape(), dh -> {
            float[] dPre = new float[dh.length];
            for (int i = 0; i < dh.length; i++) {
                dPre[i] = useRelu ? (out[i] > 0f ? dh[i] : 0f) : dh[i] * (1f - out[i] * out[i]);
            }
            cell.linearBackward(dPre, 0, 1, x, wIh, bIh);
            cell.linearBackward(dPre, 0, 1, h, wHh, bHh);
        }, x, h, wIh, wHh, bIh, bHh);
    }

    /**
     * One LSTM step with gates {@code i, f, g, o}: {@code c' = f c + i g}, {@code h' = o tanh(c')}.
     *
     * @param x {@code [batch, inputSize]}
     * @param h {@code [batch, hidden]}
     * @param c {@code [batch, hidden]}
     * @param wIh {@code [4 * hidden, inputSize]}
     * @param wHh {@code [4 * hidden, hidden]}
     * @param bIh {@code [4 * hidden]}, or null
     * @param bHh {@code [4 * hidden]}, or null
     * @return {@code h'} and {@code c'}, in that order
     */
    public static List<Tensor> lstm(CpuTensor x, CpuTensor h, CpuTensor c, CpuTensor wIh, CpuTensor wHh,
                                    CpuTensor bIh, CpuTensor bHh) {
        Cell cell = Cell.check("lstmCell", 4, x, h, wIh, wHh, bIh, bHh);
        if (!c.shape().equals(h.shape())) {
            throw new ShapeMismatchException("lstmCell: cell state " + c.shape() + " must have the shape of hidden state "
                    + h.shape());
        }
        int hidden = cell.hidden;
        float[] gates = summedPreActivations(cell, x, h, wIh, wHh, bIh, bHh);
        float[] cd = c.data();
        float[] cNext = new float[cd.length];
        float[] tanhC = new float[cd.length];
        float[] hNext = new float[cd.length];
        for (int n = 0; n < cell.batch; n++) {
            int row = n * 4 * hidden;
            Squashing.sigmoid(gates, row, 2 * hidden);
            Squashing.tanh(gates, row + 2 * hidden, hidden);
            Squashing.sigmoid(gates, row + 3 * hidden, hidden);
            for (int j = 0; j < hidden; j++) {
                int s = n * hidden + j;
                cNext[s] = gates[row + hidden + j] * cd[s] + gates[row + j] * gates[row + 2 * hidden + j];
            }
        }
        System.arraycopy(cNext, 0, tanhC, 0, cNext.length);
        Squashing.tanh(tanhC, 0, tanhC.length);
        for (int n = 0; n < cell.batch; n++) {
            int row = n * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                int s = n * hidden + j;
                hNext[s] = gates[row + 3 * hidden + j] * tanhC[s];
            }
        }
        // c' owns the gates i, f, g (weight rows [0, 3H)); h' owns o (rows [3H, 4H)) and feeds c'.
        CpuTensor cOut = CpuTensor.result("lstmCell.c", cNext, c.shape(), dc -> {
            float[] dPre = new float[cell.batch * 3 * hidden];
            float[] dcPrev = new float[dc.length];
            for (int n = 0; n < cell.batch; n++) {
                int row = n * 4 * hidden;
                int drow = n * 3 * hidden;
                for (int j = 0; j < hidden; j++) {
                    int s = n * hidden + j;
                    float in = gates[row + j];
                    float forget = gates[row + hidden + j];
                    float cand = gates[row + 2 * hidden + j];
                    dPre[drow + j] = dc[s] * cand * in * (1f - in);
                    dPre[drow + hidden + j] = dc[s] * cd[s] * forget * (1f - forget);
                    dPre[drow + 2 * hidden + j] = dc[s] * in * (1f - cand * cand);
                    dcPrev[s] = dc[s] * forget;
                }
            }
            if (c.requiresGrad()) {
                c.accumulateGrad(dcPrev);
            }
            cell.linearBackward(dPre, 0, 3, x, wIh, bIh);
            cell.linearBackward(dPre, 0, 3, h, wHh, bHh);
        }, x, h, c, wIh, wHh, bIh, bHh);
        CpuTensor hOut = CpuTensor.result("lstmCell.h", hNext, h.shape(), dh -> {
            float[] dPre = new float[dh.length];
            float[] dcNext = new float[dh.length];
            for (int n = 0; n < cell.batch; n++) {
                int row = n * 4 * hidden;
                for (int j = 0; j < hidden; j++) {
                    int s = n * hidden + j;
                    float outGate = gates[row + 3 * hidden + j];
                    dPre[s] = dh[s] * tanhC[s] * outGate * (1f - outGate);
                    dcNext[s] = dh[s] * outGate * (1f - tanhC[s] * tanhC[s]);
                }
            }
            if (cOut.requiresGrad()) {
                cOut.accumulateGrad(dcNext);
            }
            cell.linearBackward(dPre, 3, 1, x, wIh, bIh);
            cell.linearBackward(dPre, 3, 1, h, wHh, bHh);
        }, cOut, x, h, wIh, wHh, bIh, bHh);
        return List.of(hOut, cOut);
    }

    /**
     * One GRU step with gates {@code r, z, n}: {@code r = σ(W_ir x + b_ir + W_hr h + b_hr)},
     * {@code z} likewise, {@code n = tanh(W_in x + b_in + r (W_hn h + b_hn))},
     * {@code h' = (1 - z) n + z h}.
     *
     * @param x {@code [batch, inputSize]}
     * @param h {@code [batch, hidden]}
     * @param wIh {@code [3 * hidden, inputSize]}
     * @param wHh {@code [3 * hidden, hidden]}
     * @param bIh {@code [3 * hidden]}, or null
     * @param bHh {@code [3 * hidden]}, or null
     * @return the new hidden state {@code [batch, hidden]}
     */
    public static CpuTensor gru(CpuTensor x, CpuTensor h, CpuTensor wIh, CpuTensor wHh, CpuTensor bIh,
                                CpuTensor bHh) {
        Cell cell = Cell.check("gruCell", 3, x, h, wIh, wHh, bIh, bHh);
        int hidden = cell.hidden;
        float[] gi = cell.preActivations(x, wIh, bIh);
        float[] gh = cell.preActivations(h, wHh, bHh);
        float[] hd = h.data();
        float[] hNext = new float[hd.length];
        // gi becomes the activations r, z, n; gh keeps W_hn h + b_hn, which the backward needs.
        for (int b = 0; b < cell.batch; b++) {
            int row = b * 3 * hidden;
            for (int j = 0; j < 2 * hidden; j++) {
                gi[row + j] += gh[row + j];
            }
            Squashing.sigmoid(gi, row, 2 * hidden);
            for (int j = 0; j < hidden; j++) {
                gi[row + 2 * hidden + j] += gi[row + j] * gh[row + 2 * hidden + j];
            }
            Squashing.tanh(gi, row + 2 * hidden, hidden);
            for (int j = 0; j < hidden; j++) {
                float z = gi[row + hidden + j];
                hNext[b * hidden + j] = (1f - z) * gi[row + 2 * hidden + j] + z * hd[b * hidden + j];
            }
        }
        return CpuTensor.result("gruCell", hNext, h.shape(), dhNext -> {
            float[] dGi = new float[gi.length];
            float[] dGh = new float[gi.length];
            float[] dhDirect = new float[hd.length];
            for (int b = 0; b < cell.batch; b++) {
                int row = b * 3 * hidden;
                for (int j = 0; j < hidden; j++) {
                    int s = b * hidden + j;
                    float r = gi[row + j];
                    float z = gi[row + hidden + j];
                    float n = gi[row + 2 * hidden + j];
                    float dnPre = dhNext[s] * (1f - z) * (1f - n * n);
                    float drPre = dnPre * gh[row + 2 * hidden + j] * r * (1f - r);
                    float dzPre = dhNext[s] * (hd[s] - n) * z * (1f - z);
                    dGi[row + j] = drPre;
                    dGi[row + hidden + j] = dzPre;
                    dGi[row + 2 * hidden + j] = dnPre;
                    dGh[row + j] = drPre;
                    dGh[row + hidden + j] = dzPre;
                    dGh[row + 2 * hidden + j] = dnPre * r;
                    dhDirect[s] = dhNext[s] * z;
                }
            }
            if (h.requiresGrad()) {
                h.accumulateGrad(dhDirect);
            }
            cell.linearBackward(dGi, 0, 3, x, wIh, bIh);
            cell.linearBackward(dGh, 0, 3, h, wHh, bHh);
        }, x, h, wIh, wHh, bIh, bHh);
    }

    /** {@code x W_ih^T + h W_hh^T + b_ih + b_hh}: both products summed into one array. */
    private static float[] summedPreActivations(Cell cell, CpuTensor x, CpuTensor h, CpuTensor wIh, CpuTensor wHh,
                                                CpuTensor bIh, CpuTensor bHh) {
        float[] pre = cell.preActivations(x, wIh, bIh);
        if (bHh != null) {
            float[] b = bHh.data();
            for (int n = 0; n < cell.batch; n++) {
                for (int j = 0, off = n * b.length; j < b.length; j++) {
                    pre[off + j] += b[j];
                }
            }
        }
        int hidden = cell.hidden;
        Gemm.sgemm(false, true, cell.batch, cell.gateRows(), hidden, 1f, h.data(), 0, hidden, wHh.data(), 0, hidden,
                1f, pre, 0, cell.gateRows());
        return pre;
    }

    /**
     * The checked sizes of one cell step.
     *
     * @param batch rows of x and h
     * @param input columns of x
     * @param hidden columns of h
     * @param gates how many gate blocks of {@code hidden} rows the weights hold
     */
    private record Cell(int batch, int input, int hidden, int gates) {

        static Cell check(String op, int gates, CpuTensor x, CpuTensor h, CpuTensor wIh, CpuTensor wHh,
                          CpuTensor bIh, CpuTensor bHh) {
            if (x.shape().rank() != 2 || h.shape().rank() != 2 || x.shape().dim(0) != h.shape().dim(0)) {
                throw new ShapeMismatchException(op + ": input " + x.shape() + " and hidden state " + h.shape()
                        + " must be [batch, inputSize] and [batch, hidden] with the same batch");
            }
            Cell cell = new Cell(x.shape().dim(0), x.shape().dim(1), h.shape().dim(1), gates);
            cell.require(op, "weight_ih", wIh, Shape.of(cell.gateRows(), cell.input));
            cell.require(op, "weight_hh", wHh, Shape.of(cell.gateRows(), cell.hidden));
            if (bIh != null) {
                cell.require(op, "bias_ih", bIh, Shape.of(cell.gateRows()));
            }
            if (bHh != null) {
                cell.require(op, "bias_hh", bHh, Shape.of(cell.gateRows()));
            }
            return cell;
        }

        private void require(String op, String name, CpuTensor t, Shape expected) {
            if (!t.shape().equals(expected)) {
                throw new ShapeMismatchException(op + ": " + name + " " + t.shape() + " does not fit hidden size "
                        + hidden + " and input size " + input + " (expected " + expected + " for input [" + batch
                        + ", " + input + "] and hidden state [" + batch + ", " + hidden + "])");
            }
        }

        int gateRows() {
            return gates * hidden;
        }

        /** {@code in W^T + b} for all gates: {@code [batch, gates * hidden]}. */
        float[] preActivations(CpuTensor in, CpuTensor w, CpuTensor b) {
            int cols = in.shape().dim(1);
            float[] pre = new float[batch * gateRows()];
            if (b != null) {
                for (int n = 0; n < batch; n++) {
                    System.arraycopy(b.data(), 0, pre, n * gateRows(), gateRows());
                }
            }
            Gemm.sgemm(false, true, batch, gateRows(), cols, 1f, in.data(), 0, cols, w.data(), 0, cols,
                    b == null ? 0f : 1f, pre, 0, gateRows());
            return pre;
        }

        /**
         * The backward of {@code in W[rows]^T + b[rows]} for the gate blocks
         * {@code [firstGate, firstGate + count)}: adds into the gradients of in, W and b.
         *
         * @param dPre {@code [batch, count * hidden]} gradients of those pre-activations
         */
        void linearBackward(float[] dPre, int firstGate, int count, CpuTensor in, CpuTensor w, CpuTensor b) {
            int rows = count * hidden;
            int r0 = firstGate * hidden;
            int cols = in.shape().dim(1);
            if (in.requiresGrad()) {
                float[] din = new float[batch * cols];
                Gemm.sgemm(false, false, batch, cols, rows, 1f, dPre, 0, rows, w.data(), r0 * cols, cols,
                        0f, din, 0, cols);
                in.accumulateGrad(din);
            }
            if (w.requiresGrad()) {
                float[] dw = new float[w.size()];
                Gemm.sgemm(true, false, rows, cols, batch, 1f, dPre, 0, rows, in.data(), 0, cols,
                        0f, dw, r0 * cols, cols);
                w.accumulateGrad(dw);
            }
            if (b != null && b.requiresGrad()) {
                float[] db = new float[b.size()];
                for (int n = 0; n < batch; n++) {
                    for (int j = 0; j < rows; j++) {
                        db[r0 + j] += dPre[n * rows + j];
                    }
                }
                b.accumulateGrad(db);
            }
        }
    }
}
