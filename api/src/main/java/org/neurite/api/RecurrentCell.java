package org.neurite.api;

import java.util.List;

/**
 * The recurrent cells the backend runs fused, with PyTorch's parameter layout: gate blocks of
 * {@code hidden} rows stacked in {@code weight_ih [gates * hidden, input]},
 * {@code weight_hh [gates * hidden, hidden]} and the two biases {@code [gates * hidden]}.
 */
public enum RecurrentCell {

    /** Elman RNN, {@code h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)}. */
    RNN_TANH(1, 1),
    /** Elman RNN with ReLU instead of tanh. */
    RNN_RELU(1, 1),
    /** LSTM with gates {@code i, f, g, o}; state {@code [h, c]}. */
    LSTM(4, 2),
    /** GRU with gates {@code r, z, n}. */
    GRU(3, 1);

    private final int gates;
    private final int states;

    RecurrentCell(int gates, int states) {
        this.gates = gates;
        this.states = states;
    }

    /** @return how many gate blocks of {@code hidden} rows the weights hold */
    public int gates() {
        return gates;
    }

    /** @return how many state tensors the cell carries: 2 for the LSTM ({@code h, c}), else 1 ({@code h}) */
    public int states() {
        return states;
    }

    /**
     * Runs one step through the backend's fused cell op.
     *
     * @param backend the backend
     * @param x the input at this step, {@code [batch, input]}
     * @param state the state before the step, each {@code [batch, hidden]}
     * @param weights the cell's parameters
     * @return the state after the step; its first element is the output {@code h}
     */
    public List<Tensor> step(Backend backend, Tensor x, List<Tensor> state, Weights weights) {
        Tensor h = state.get(0);
        return switch (this) {
            case RNN_TANH, RNN_RELU -> List.of(backend.rnnCell(x, h, weights.ih(), weights.hh(), weights.biasIh(),
                    weights.biasHh(), this == RNN_RELU));
            case LSTM -> backend.lstmCell(x, h, state.get(1), weights.ih(), weights.hh(), weights.biasIh(),
                    weights.biasHh());
            case GRU -> List.of(backend.gruCell(x, h, weights.ih(), weights.hh(), weights.biasIh(), weights.biasHh()));
        };
    }

    /**
     * The parameters of one cell (one layer, one direction).
     *
     * @param ih {@code weight_ih}, {@code [gates * hidden, input]}
     * @param hh {@code weight_hh}, {@code [gates * hidden, hidden]}
     * @param biasIh {@code bias_ih}, {@code [gates * hidden]}, or {@code null}
     * @param biasHh {@code bias_hh}, {@code [gates * hidden]}, or {@code null}
     */
    public record Weights(Tensor ih, Tensor hh, Tensor biasIh, Tensor biasHh) {
    }
}
