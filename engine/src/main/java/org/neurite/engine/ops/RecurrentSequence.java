package org.neurite.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.neurite.api.RecurrentCell;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.kernel.RecurrentGates;
import org.neurite.engine.kernel.Squashing;
import org.neurite.engine.tensor.CpuTensor;

/**
 * One direction of one recurrent layer over a whole sequence, fused: the input projection of
 * every step is one matrix product, and its result is turned in place into the gate activations.
 * The rows of the batch are independent through time, so each thread takes a block of rows
 * through every step on its own (no hand-over between threads per step): per step one product
 * of its rows of h with {@code W_hh^T}, packed once per call, then the gate math on whole
 * vectors ({@link RecurrentGates}, {@link Squashing}). Backpropagation through time splits the
 * rows the same way, with one product per step against {@code W_hh}, then gathers the weight
 * gradients of all steps in one product each. Every buffer is allocated once per call, none per
 * step. Masked steps (mask 0) hold the state and output 0, as
 * {@link org.neurite.api.Backend#recurrentSequence} says.
 *
 * <p>The outputs and final states share one graph node: they are slices of one packed result
 * {@code [out | h_T | c_T]}, whose backward receives all their gradients at once.
 */
public final class RecurrentSequence {

    /** Rows of the batch below which a block of rows is not worth a thread of its own. */
    private static final int MIN_ROWS_PER_THREAD = 8;

    private final RecurrentCell cell;
    private final int batch;
    private final int time;
    private final int input;
    private final int hidden;
    private final int gateRows;
    private final boolean reverse;
    private final boolean relu;
    private final float[] x;
    private final float[] wHh;
    private final float[] mask;
    /**
     * {@code [B, T, G]}: the input projection of every step, turned in place into the gate
     * activations of each step (for the Elman cell, h').
     */
    private final float[] act;
    /** {@code [B, T, H]}: the state h before each step, by time (not by processing order). */
    private final float[] hPrev;
    /** {@code [B, T, H]}: the LSTM's c before each step, and tanh(c') after it. */
    private final float[] cPrev;
    private final float[] tanhC;
    /** {@code [B, T, H]}: the GRU's {@code W_hn h + b_hn}, which its backward needs. */
    private final float[] hnLinear;
    /** {@code [B*T*H | B*H | B*H]}: outputs by time, then the final h (and c). */
    private final float[] packed;

    private RecurrentSequence(RecurrentCell cell, int batch, int time, int input, int hidden, boolean reverse,
                              float[] x, float[] wHh, float[] mask, float[] inputProjection) {
        this.cell = cell;
        this.batch = batch;
        this.time = time;
        this.input = input;
        this.hidden = hidden;
        this.gateRows = cell.gates() * hidden;
        this.reverse = reverse;
        this.relu = cell == RecurrentCell.RNN_RELU;
        this.x = x;
        this.wHh = wHh;
        this.mask = mask;
        int steps = batch * time;
        this.act = inputProjection;
        this.hPrev = new float[steps * hidden];
        boolean lstm = cell == RecurrentCell.LSTM;
        this.cPrev = lstm ? new float[steps * hidden] : null;
        this.tanhC = lstm ? new float[steps * hidden] : null;
        this.hnLinear = cell == RecurrentCell.GRU ? new float[steps * hidden] : null;
        this.packed = new float[steps * hidden + cell.states() * batch * hidden];
    }

    /**
     * Runs the sequence (see {@link org.neurite.api.Backend#recurrentSequence}).
     *
     * @param cell the cell type
     * @param x {@code [batch, time, input]}
     * @param state0 h0 (and c0), each {@code [batch, hidden]}
     * @param wIh {@code [G, input]}
     * @param wHh {@code [G, hidden]}
     * @param bIh {@code [G]}, or null
     * @param bHh {@code [G]}, or null
     * @param mask {@code [batch, time]}, or null
     * @param reverse whether to run from the last step to the first
     * @return outputs {@code [batch, time, hidden]}, then the final h (and c), {@code [batch, hidden]}
     */
    public static List<Tensor> run(RecurrentCell cell, CpuTensor x, List<CpuTensor> state0, CpuTensor wIh,
                                   CpuTensor wHh, CpuTensor bIh, CpuTensor bHh, CpuTensor mask, boolean reverse) {
        if (x.shape().rank() != 3) {
            throw new ShapeMismatchException("recurrentSequence: input must be [batch, time, features], got " + x.shape());
        }
        int batch = x.shape().dim(0);
        int time = x.shape().dim(1);
        int input = x.shape().dim(2);
        int hidden = wHh.shape().rank() == 2 ? wHh.shape().dim(1) : -1;
        int g = cell.gates() * hidden;
        require("weight_hh", wHh, Shape.of(g, hidden));
        require("weight_ih", wIh, Shape.of(g, input));
        if (bIh != null) {
            require("bias_ih", bIh, Shape.of(g));
        }
        if (bHh != null) {
            require("bias_hh", bHh, Shape.of(g));
        }
        if (state0.size() != cell.states()) {
            throw new IllegalArgumentException("recurrentSequence: " + cell + " carries " + cell.states()
                    + " state tensor(s), got " + state0.size());
        }
        for (CpuTensor s : state0) {
            require("initial state", s, Shape.of(batch, hidden));
        }
        if (mask != null) {
            require("mask", mask, Shape.of(batch, time));
        }
        RecurrentSequence run = new RecurrentSequence(cell, batch, time, input, hidden, reverse, x.data(), wHh.data(),
                mask == null ? null : mask.data(), inputProjection(x, wIh, bIh, batch * time, input, g));
        run.forward(state0, bHh);
        List<CpuTensor> inputs = new ArrayList<>(List.of(x, wIh, wHh));
        inputs.addAll(state0);
        inputs.add(bIh);
        inputs.add(bHh);
        CpuTensor packed = CpuTensor.result("recurrentSequence", run.packed, Shape.of(run.packed.length),
                d -> run.backward(d, x, state0, wIh, wHh, bIh, bHh), inputs.toArray(CpuTensor[]::new));
        int outputs = batch * time * hidden;
        List<Tensor> result = new ArrayList<>(1 + cell.states());
        result.add(packed.slice(0, 0, outputs).reshape(batch, time, hidden));
        for (int i = 0; i < cell.states(); i++) {
            int start = outputs + i * batch * hidden;
            result.add(packed.slice(0, start, start + batch * hidden).reshape(batch, hidden));
        }
        return result;
    }

    private static void require(String what, CpuTensor t, Shape expected) {
        if (!t.shape().equals(expected)) {
            throw new ShapeMismatchException("recurrentSequence: " + what + " " + t.shape() + " must be " + expected);
        }
    }

    /** {@code x W_ih^T + b_ih} for every step at once: {@code [B*T, G]}. */
    private static float[] inputProjection(CpuTensor x, CpuTensor wIh, CpuTensor bIh, int rows, int input, int g) {
        float[] pre = new float[rows * g];
        if (bIh != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bIh.data(), 0, pre, r * g, g);
            }
        }
        Gemm.sgemm(false, true, rows, g, input, 1f, x.data(), 0, input, wIh.data(), 0, input,
                bIh == null ? 0f : 1f, pre, 0, g);
        return pre;
    }

    /**
     * Runs the steps. The rows of the batch are independent until the weight gradients, so each
     * thread takes a block of rows through every step on its own: its part of {@code h W_hh^T},
     * then its gates, with no hand-over between threads from one step to the next.
     */
    private void forward(List<CpuTensor> state0, CpuTensor bHh) {
        int stateAt = batch * time * hidden;
        float[] h = new float[batch * hidden];
        float[] c = cell == RecurrentCell.LSTM ? new float[batch * hidden] : null;
        System.arraycopy(state0.get(0).data(), 0, h, 0, h.length);
        if (c != null) {
            System.arraycopy(state0.get(1).data(), 0, c, 0, c.length);
        }
        float[] hh = new float[batch * gateRows];
        float[] bias = bHh == null ? null : bHh.data();
        Gemm.PackedB wHhT = Gemm.pack(true, hidden, gateRows, wHh, 0, hidden);
        Parallel.forRange(batch, MIN_ROWS_PER_THREAD, (b0, b1) -> {
            for (int s = 0; s < time; s++) {
                int t = reverse ? time - 1 - s : s;
                if (bias != null) {
                    for (int b = b0; b < b1; b++) {
                        System.arraycopy(bias, 0, hh, b * gateRows, gateRows);
                    }
                }
                Gemm.sgemm(false, b1 - b0, 1f, h, b0 * hidden, hidden, wHhT, bias == null ? 0f : 1f,
                        hh, b0 * gateRows, gateRows);
                for (int b = b0; b < b1; b++) {
                    stepRow(b, t, hh, h, c);
                }
            }
        });
        System.arraycopy(h, 0, packed, stateAt, h.length);
        if (c != null) {
            System.arraycopy(c, 0, packed, stateAt + h.length, c.length);
        }
    }

    /**
     * One step of one sequence: the gates from the input projection (in {@code act}) plus
     * {@code hh}, squashed in place over whole gate blocks, then h (and c) in place.
     */
    private void stepRow(int b, int t, float[] hh, float[] h, float[] c) {
        int bt = b * time + t;
        int st = bt * hidden;
        int hb = b * hidden;
        System.arraycopy(h, hb, hPrev, st, hidden);
        if (c != null) {
            System.arraycopy(c, hb, cPrev, st, hidden);
        }
        if (mask != null && mask[bt] == 0f) {
            return; // padding: the state holds, the output stays 0
        }
        int p = bt * gateRows;
        int q = b * gateRows;
        int n = hidden;
        switch (cell) {
            case RNN_TANH, RNN_RELU -> {
                RecurrentGates.add(act, p, hh, q, n);
                if (relu) {
                    for (int j = p; j < p + n; j++) {
                        act[j] = Math.max(act[j], 0f);
                    }
                } else {
                    Squashing.tanh(act, p, n);
                }
                System.arraycopy(act, p, h, hb, n);
                System.arraycopy(act, p, packed, st, n);
            }
            case LSTM -> {
                RecurrentGates.add(act, p, hh, q, 4 * n);
                Squashing.sigmoid(act, p, 2 * n);
                Squashing.tanh(act, p + 2 * n, n);
                Squashing.sigmoid(act, p + 3 * n, n);
                RecurrentGates.lstmState(act, p, c, tanhC, h, hb, packed, st, n);
            }
            case GRU -> {
                RecurrentGates.add(act, p, hh, q, 2 * n);
                Squashing.sigmoid(act, p, 2 * n);
                RecurrentGates.gruState(act, p, hh, q, hnLinear, h, hb, packed, st, n);
            }
        }
    }

    /** Backpropagation through time from the gradient of the packed result. */
    private void backward(float[] d, CpuTensor xT, List<CpuTensor> state0, CpuTensor wIh, CpuTensor wHh,
                          CpuTensor bIh, CpuTensor bHh) {
        int steps = batch * time;
        int stateAt = steps * hidden;
        float[] dh = new float[batch * hidden];
        System.arraycopy(d, stateAt, dh, 0, dh.length);
        float[] dc = null;
        if (cell == RecurrentCell.LSTM) {
            dc = new float[batch * hidden];
            System.arraycopy(d, stateAt + dh.length, dc, 0, dc.length);
        }
        float[] dGi = new float[steps * gateRows];
        // The GRU's state-side gate gradients equal the input side's but for the n block (dn r):
        // only that block is kept apart, [B, T, H], and multiplies its own rows of W_hh.
        boolean gru = cell == RecurrentCell.GRU;
        float[] dHn = gru ? new float[steps * hidden] : null;
        int sharedRows = gru ? 2 * hidden : gateRows;
        float[] dcRef = dc;
        // As in the forward, each thread takes its rows of the batch through every step.
        Gemm.PackedB wHhShared = Gemm.pack(false, sharedRows, hidden, this.wHh, 0, hidden);
        Gemm.PackedB wHhN = gru ? Gemm.pack(false, hidden, hidden, this.wHh, sharedRows * hidden, hidden) : null;
        Parallel.forRange(batch, MIN_ROWS_PER_THREAD, (b0, b1) -> {
            for (int s = time - 1; s >= 0; s--) {
                int t = reverse ? time - 1 - s : s;
                for (int b = b0; b < b1; b++) {
                    stepRowBackward(b, t, d, dh, dcRef, dGi, dHn);
                }
                // dh_prev += dGh_t W_hh: rows of step t lie T*G apart in dGi (T*H in dHn).
                int row = b0 * time + t;
                Gemm.sgemm(false, b1 - b0, 1f, dGi, row * gateRows, time * gateRows, wHhShared,
                        1f, dh, b0 * hidden, hidden);
                if (wHhN != null) {
                    Gemm.sgemm(false, b1 - b0, 1f, dHn, row * hidden, time * hidden, wHhN, 1f, dh, b0 * hidden,
                            hidden);
                }
            }
        });
        if (state0.get(0).requiresGrad()) {
            state0.get(0).accumulateGrad(dh);
        }
        if (dc != null && state0.get(1).requiresGrad()) {
            state0.get(1).accumulateGrad(dc);
        }
        if (xT.requiresGrad()) {
            float[] dx = new float[steps * input];
            Gemm.sgemm(false, false, steps, input, gateRows, 1f, dGi, 0, gateRows, wIh.data(), 0, input, 0f, dx, 0,
                    input);
            xT.accumulateGrad(dx);
        }
        weightGradients(dGi, gateRows, gateRows, x, input, wIh, bIh, 0);
        if (gru) {
            float[][] grads = weightGradients(dGi, gateRows, sharedRows, hPrev, hidden, wHh, bHh, 0);
            weightGradients(dHn, hidden, hidden, hPrev, hidden, wHh, bHh, sharedRows, grads);
        } else {
            weightGradients(dGi, gateRows, gateRows, hPrev, hidden, wHh, bHh, 0);
        }
    }

    private float[][] weightGradients(float[] dG, int ldg, int rows, float[] in, int cols, CpuTensor w, CpuTensor bias,
                                      int firstRow) {
        float[][] grads = {w.requiresGrad() ? new float[gateRows * cols] : null,
            bias != null && bias.requiresGrad() ? new float[gateRows] : null};
        weightGradients(dG, ldg, rows, in, cols, w, bias, firstRow, grads);
        return grads;
    }

    /**
     * {@code dW[firstRow ..] += dG^T in} and {@code db[firstRow ..] += column sums of dG} for
     * {@code rows} gate rows, over every step at once ({@code dG} is {@code [B*T, ldg]}); hands the
     * gradients to the parameters once the last gate row is in.
     *
     * @param grads the gradients of W and b being gathered (null where none is needed)
     */
    private void weightGradients(float[] dG, int ldg, int rows, float[] in, int cols, CpuTensor w, CpuTensor bias,
                                 int firstRow, float[][] grads) {
        int steps = batch * time;
        boolean last = firstRow + rows == gateRows;
        if (grads[0] != null) {
            Gemm.sgemm(true, false, rows, cols, steps, 1f, dG, 0, ldg, in, 0, cols, 0f, grads[0], firstRow * cols,
                    cols);
            if (last) {
                w.accumulateGrad(grads[0]);
            }
        }
        if (grads[1] != null) {
            float[] db = grads[1];
            for (int r = 0; r < steps; r++) {
                for (int j = 0, off = r * ldg; j < rows; j++) {
                    db[firstRow + j] += dG[off + j];
                }
            }
            if (last) {
                bias.accumulateGrad(db);
            }
        }
    }

    /**
     * The backward of one step of one sequence: the gate gradients into {@code dGi} (and the GRU's
     * state-side n block into {@code dHn}), and {@code dh}/{@code dc} turned into the gradients of
     * the state before the step (without the {@code W_hh} product, which the caller adds for the
     * whole batch).
     */
    private void stepRowBackward(int b, int t, float[] d, float[] dh, float[] dc, float[] dGi, float[] dHn) {
        int bt = b * time + t;
        if (mask != null && mask[bt] == 0f) {
            return; // padding: the state's gradient passes through unchanged
        }
        int st = bt * hidden;
        int hb = b * hidden;
        int p = bt * gateRows;
        int n = hidden;
        switch (cell) {
            case RNN_TANH -> RecurrentGates.tanhBackward(act, p, dh, hb, d, st, dGi, n);
            case RNN_RELU -> {
                for (int j = 0; j < n; j++) {
                    dGi[p + j] = act[p + j] > 0f ? dh[hb + j] + d[st + j] : 0f;
                }
                Arrays.fill(dh, hb, hb + n, 0f);
            }
            case LSTM -> RecurrentGates.lstmBackward(act, p, tanhC, cPrev, dh, dc, hb, d, st, dGi, n);
            case GRU -> RecurrentGates.gruBackward(act, p, hnLinear, hPrev, dh, hb, d, st, dGi, dHn, n);
        }
    }
}
