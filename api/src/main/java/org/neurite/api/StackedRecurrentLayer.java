package org.neurite.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A stack of recurrent layers over one {@link RecurrentCell}, each layer optionally
 * bidirectional, as PyTorch's {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU} with
 * {@code batch_first=True}. The {@code rnn}, {@code lstm} and {@code gru} plugins create it
 * through {@link RecurrentLayerProvider}; the sequence runs through
 * {@link Backend#recurrentSequence}, one call per layer and direction.
 *
 * <p>Parameters carry PyTorch's names and layouts ({@code weight_ih_l0}, {@code weight_hh_l0},
 * {@code bias_ih_l0}, {@code bias_hh_l0}, then {@code ..._l0_reverse}, then layer 1), so a
 * PyTorch state dict loads unchanged. Between stacked layers, dropout applies in training.
 *
 * <p>Shape: input {@code [batch, time, inputSize]}; then optionally the initial state, batch
 * first, {@code [batch, layers * directions, hidden]} (for the LSTM {@code h0} and then
 * {@code c0}); then optionally a padding mask {@code [batch, time]} (1 real, 0 padding: padded
 * steps change neither the state nor the output, which is 0 there). Output
 * {@code [batch, time, directions * hidden]} when all steps are returned, else
 * {@code [batch, directions * hidden]}: the final {@code h} of the top layer's directions (for a
 * masked sequence, that of its last real step). Final states are
 * {@code [layers * directions, batch, hidden]}, as PyTorch's {@code h_n}.
 *
 * <p>A stateful stack ({@link Config#stateful()}) starts each training batch given no initial
 * state from the final state of the batch before, detached, as long as the batch has as many
 * rows; {@link #resetState()} (at every epoch's start) and a batch of another size start from
 * zeros again. Inference neither uses nor changes the carried state.
 */
public final class StackedRecurrentLayer implements RecurrentLayer, MultiInputLayer, StatefulLayer {

    /**
     * How the stack is shaped and what it returns.
     *
     * @param hiddenSize the size of each cell's state
     * @param numLayers how many layers are stacked
     * @param bidirectional whether each layer also runs from the last step to the first
     * @param dropout the dropout probability on the outputs of every layer but the last, in training
     * @param bias whether the cells have the biases {@code bias_ih} and {@code bias_hh}
     * @param returnSequences whether the output holds every step, or only the final state
     * @param maxLength the longest sequence accepted; 0 for no limit
     * @param stateful whether, in training, each batch starts from the final state of the batch
     *     before (detached), row for row, until {@link #resetState()}; see {@link StatefulLayer}
     */
    public record Config(int hiddenSize, int numLayers, boolean bidirectional, double dropout, boolean bias,
                         boolean returnSequences, int maxLength, boolean stateful) {

        /**
         * A stack that starts every batch from zeros (not stateful).
         *
         * @param hiddenSize the size of each cell's state
         * @param numLayers how many layers are stacked
         * @param bidirectional whether each layer also runs from the last step to the first
         * @param dropout the dropout probability on the outputs of every layer but the last, in training
         * @param bias whether the cells have the biases
         * @param returnSequences whether the output holds every step, or only the final state
         * @param maxLength the longest sequence accepted; 0 for no limit
         */
        public Config(int hiddenSize, int numLayers, boolean bidirectional, double dropout, boolean bias,
                      boolean returnSequences, int maxLength) {
            this(hiddenSize, numLayers, bidirectional, dropout, bias, returnSequences, maxLength, false);
        }

        /** @return 2 for a bidirectional stack, else 1 */
        public int directions() {
            return bidirectional ? 2 : 1;
        }
    }

    /**
     * A whole run over a sequence.
     *
     * @param output the layer's output (see the class comment)
     * @param finalState {@code h_n} (and {@code c_n} for the LSTM), each {@code [layers * directions, batch, hidden]}
     */
    public record SequenceResult(Tensor output, List<Tensor> finalState) {
    }

    private final String type;
    private final Options options;
    private final String where;
    private final RecurrentCell cell;
    private final Config config;
    private final int inputSize;
    private final Backend backend;
    private final RandomGenerator random;
    /** The dropout masks between layers, from a training stream; null without such dropout. */
    private final RandomGenerator dropoutRandom;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    /** One cell per layer and direction, at {@code layer * directions + direction}. */
    private final List<RecurrentCell.Weights> cells = new ArrayList<>();
    /** The detached final state of the last training batch, by cell as {@link #cells}; null when reset. */
    private List<List<Tensor>> carried;

    /**
     * Creates the stack with PyTorch's initialisation: every weight and bias uniform in
     * {@code ±1/sqrt(hiddenSize)}.
     *
     * @param type the layer type, such as {@code lstm}
     * @param options the options it was created from
     * @param cell the cell of every layer
     * @param config the shape of the stack
     * @param inputSize the features per step of the input
     * @param context the backend, the random source and the layer's key path
     */
    public StackedRecurrentLayer(String type, Options options, RecurrentCell cell, Config config, int inputSize,
                                 LayerContext context) {
        this.type = type;
        this.options = options;
        this.where = (context.path().isEmpty() ? "" : context.path() + " ") + "(" + type + ")";
        this.cell = cell;
        this.config = config;
        this.inputSize = inputSize;
        this.backend = context.backend();
        this.random = context.random();
        int hidden = config.hiddenSize();
        int rows = cell.gates() * hidden;
        Initializer init = new HiddenScaledUniform(hidden);
        for (int layer = 0; layer < config.numLayers(); layer++) {
            int in = layer == 0 ? inputSize : config.directions() * hidden;
            for (int direction = 0; direction < config.directions(); direction++) {
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                Tensor wIh = add("weight_ih" + suffix, Shape.of(rows, in), init);
                Tensor wHh = add("weight_hh" + suffix, Shape.of(rows, hidden), init);
                Tensor bIh = config.bias() ? add("bias_ih" + suffix, Shape.of(rows), init) : null;
                Tensor bHh = config.bias() ? add("bias_hh" + suffix, Shape.of(rows), init) : null;
                cells.add(new RecurrentCell.Weights(wIh, wHh, bIh, bHh));
            }
        }
        // drawn after the weights, and only when used, so models without it initialise as before
        this.dropoutRandom = config.numLayers() > 1 && config.dropout() > 0 ? context.trainingRandom() : null;
    }

    private Tensor add(String name, Shape shape, Initializer init) {
        Parameter p = backend.parameter(shape, init, random);
        parameters.put(name, p);
        return p.value();
    }

    /** @return the cell of every layer */
    public RecurrentCell cell() {
        return cell;
    }

    /** @return the shape of the stack */
    public Config config() {
        return config;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        List<Shape> batched = new ArrayList<>(inputShapes.size());
        for (Shape s : inputShapes) {
            int[] dims = new int[s.rank() + 1];
            dims[0] = 1;
            System.arraycopy(s.dims(), 0, dims, 1, s.rank());
            batched.add(Shape.of(dims));
        }
        Inputs inputs = Inputs.of(batched, this);
        int width = config.directions() * config.hiddenSize();
        return config.returnSequences() ? Shape.of(inputs.time(), width) : Shape.of(width);
    }

    @Override
    public Tensor forward(List<Tensor> inputs, Mode mode) {
        return run(inputs, mode).output();
    }

    /**
     * Runs the stack over a batch of sequences.
     *
     * @param inputs the sequence, then optionally the initial state and the mask (see the class comment)
     * @param mode training (dropout between layers) or inference
     * @return the output and the final state
     * @throws ShapeMismatchException if an input does not fit, naming the layer and the shapes
     */
    public SequenceResult run(List<Tensor> inputs, Mode mode) {
        Inputs in = Inputs.of(inputs.stream().map(Tensor::shape).toList(), this);
        Tensor x = inputs.get(0);
        List<Tensor> given = inputs.subList(1, 1 + in.states());
        Tensor mask = in.masked() ? inputs.get(inputs.size() - 1) : null;
        int batch = x.dim(0);
        int directions = config.directions();
        boolean carry = config.stateful() && mode == Mode.TRAINING && given.isEmpty();
        boolean resume = carry && carried != null && carried.get(0).get(0).dim(0) == batch;
        List<List<Tensor>> next = carry ? new ArrayList<>() : null;
        List<List<Tensor>> finals = new ArrayList<>();
        for (int i = 0; i < cell.states(); i++) {
            finals.add(new ArrayList<>());
        }
        Tensor layerInput = x;
        for (int layer = 0; layer < config.numLayers(); layer++) {
            List<Tensor> outputs = new ArrayList<>(directions);
            for (int direction = 0; direction < directions; direction++) {
                int k = layer * directions + direction;
                List<Tensor> run = backend.recurrentSequence(cell, layerInput,
                        resume ? carried.get(k) : initialState(given, k, batch), cells.get(k), mask, direction == 1);
                outputs.add(run.get(0));
                for (int i = 0; i < cell.states(); i++) {
                    finals.get(i).add(run.get(1 + i));
                }
                if (carry) {
                    next.add(run.subList(1, 1 + cell.states()).stream().map(Tensor::detach).toList());
                }
            }
            layerInput = directions == 1 ? outputs.get(0) : backend.concat(outputs, 2);
            if (layer < config.numLayers() - 1 && config.dropout() > 0) {
                layerInput = backend.dropout(layerInput, (float) config.dropout(), mode, dropoutRandom);
            }
        }
        List<Tensor> hs = finals.get(0);
        Tensor output = config.returnSequences() ? layerInput
                : directions == 1 ? hs.get(hs.size() - 1) : backend.concat(hs.subList(hs.size() - directions, hs.size()), 1);
        List<Tensor> finalState = new ArrayList<>(cell.states());
        for (List<Tensor> each : finals) {
            finalState.add(backend.stack(each, 0));
        }
        if (carry) {
            carried = next;
        }
        return new SequenceResult(output, finalState);
    }

    @Override
    public boolean carriesState() {
        return config.stateful();
    }

    @Override
    public void resetState() {
        carried = null;
    }

    /** The state of cell {@code k}: zeros, or its row of each given initial-state input. */
    private List<Tensor> initialState(List<Tensor> given, int k, int batch) {
        List<Tensor> state = new ArrayList<>(cell.states());
        for (int i = 0; i < cell.states(); i++) {
            state.add(given.isEmpty() ? backend.zeros(Shape.of(batch, config.hiddenSize()))
                    : given.get(i).slice(1, k, k + 1).reshape(batch, config.hiddenSize()));
        }
        return state;
    }

    /** @return zeros for every state, each {@code [layers, batch, hidden]} */
    @Override
    public List<Tensor> initialState(int batchSize) {
        List<Tensor> state = new ArrayList<>(cell.states());
        for (int i = 0; i < cell.states(); i++) {
            state.add(backend.zeros(Shape.of(config.numLayers() * config.directions(), batchSize, config.hiddenSize())));
        }
        return state;
    }

    /**
     * Runs one step through every layer, as in inference (no dropout).
     *
     * @param input {@code [batch, inputSize]}
     * @param state {@code h} (and {@code c} for the LSTM), each {@code [layers, batch, hidden]}
     * @return the top layer's {@code h}, {@code [batch, hidden]}, and the new state
     * @throws IllegalStateException for a bidirectional stack, whose reverse direction needs the whole sequence
     */
    @Override
    public StepResult step(Tensor input, List<Tensor> state) {
        if (config.bidirectional()) {
            throw new IllegalStateException(where + ": a bidirectional layer cannot run one step at a time; its reverse"
                    + " direction needs the whole sequence");
        }
        int batch = input.dim(0);
        if (input.rank() != 2 || input.dim(1) != inputSize || state.size() != cell.states()) {
            throw new ShapeMismatchException(where + ": a step takes input [batch, " + inputSize + "] and "
                    + cell.states() + " state tensor(s) [" + config.numLayers() + ", batch, " + config.hiddenSize()
                    + "], got input " + input.shape() + " and " + state.size() + " state tensor(s)");
        }
        Shape stateShape = Shape.of(config.numLayers(), batch, config.hiddenSize());
        for (Tensor s : state) {
            if (!s.shape().equals(stateShape)) {
                throw new ShapeMismatchException(where + ": state " + s.shape() + " must be " + stateShape);
            }
        }
        List<List<Tensor>> next = new ArrayList<>();
        for (int i = 0; i < cell.states(); i++) {
            next.add(new ArrayList<>());
        }
        Tensor x = input;
        for (int layer = 0; layer < config.numLayers(); layer++) {
            List<Tensor> before = new ArrayList<>(cell.states());
            for (Tensor s : state) {
                before.add(s.slice(0, layer, layer + 1).reshape(batch, config.hiddenSize()));
            }
            List<Tensor> after = cell.step(backend, x, before, cells.get(layer));
            for (int i = 0; i < after.size(); i++) {
                next.get(i).add(after.get(i));
            }
            x = after.get(0);
        }
        List<Tensor> stacked = new ArrayList<>(cell.states());
        for (List<Tensor> each : next) {
            stacked.add(backend.stack(each, 0));
        }
        return new StepResult(x, stacked);
    }

    /**
     * The roles of the inputs, told apart by rank: the sequence (rank 3), initial states
     * (rank 3, after it), a mask (rank 2, last).
     *
     * @param time the sequence length
     * @param states how many initial-state inputs are given (0 or the cell's state count)
     * @param masked whether a mask is given
     */
    private record Inputs(int time, int states, boolean masked) {

        static Inputs of(List<Shape> shapes, StackedRecurrentLayer layer) {
            Config config = layer.config;
            String where = layer.where;
            if (shapes.isEmpty()) {
                throw new ShapeMismatchException(where + ": needs an input sequence [batch, time, features]");
            }
            Shape x = shapes.get(0);
            if (x.rank() != 3 || x.dim(2) != layer.inputSize) {
                throw new ShapeMismatchException(where + ": expects sequences [time, " + layer.inputSize
                        + "] per sample (batch first: [batch, time, features]), got " + perSample(x));
            }
            int batch = x.dim(0);
            int time = x.dim(1);
            if (config.maxLength() > 0 && time > config.maxLength()) {
                throw new ShapeMismatchException(where + ": sequence of " + time + " steps is longer than max_length "
                        + config.maxLength());
            }
            boolean masked = shapes.size() > 1 && shapes.get(shapes.size() - 1).rank() == 2;
            int states = shapes.size() - 1 - (masked ? 1 : 0);
            int expectedStates = layer.cell.states();
            if (states != 0 && states != expectedStates) {
                throw new ShapeMismatchException(where + ": takes the sequence, then " + (expectedStates == 2
                        ? "h0 and c0" : "h0") + " [layers * directions, hidden], then a mask [time]; got inputs "
                        + shapes.stream().map(Inputs::perSample).toList());
            }
            Shape stateShape = Shape.of(batch, config.numLayers() * config.directions(), config.hiddenSize());
            for (int i = 1; i <= states; i++) {
                if (!shapes.get(i).equals(stateShape)) {
                    throw new ShapeMismatchException(where + ": initial state " + perSample(shapes.get(i))
                            + " must be [layers * directions, hidden] = " + perSample(stateShape));
                }
            }
            if (masked && !shapes.get(shapes.size() - 1).equals(Shape.of(batch, time))) {
                throw new ShapeMismatchException(where + ": mask " + perSample(shapes.get(shapes.size() - 1))
                        + " does not match the sequence: expected [" + time + "] per sample");
            }
            return new Inputs(time, states, masked);
        }

        private static Shape perSample(Shape batched) {
            int[] dims = new int[Math.max(0, batched.rank() - 1)];
            System.arraycopy(batched.dims(), 1, dims, 0, dims.length);
            return Shape.of(dims);
        }
    }

    /** PyTorch's initialisation of recurrent weights and biases: uniform in {@code ±1/sqrt(hidden)}. */
    private record HiddenScaledUniform(int hidden) implements Initializer {

        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public void initialize(float[] values, Shape shape, RandomGenerator random) {
            double bound = 1 / Math.sqrt(hidden);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextDouble() * 2 * bound - bound);
            }
        }
    }
}
