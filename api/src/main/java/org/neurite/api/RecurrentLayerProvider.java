package org.neurite.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The options and creation that the {@code rnn}, {@code lstm} and {@code gru} layer types share;
 * each names its type, describes itself and picks its {@link RecurrentCell}. The layers are
 * {@link StackedRecurrentLayer}s, with PyTorch's option names.
 */
public abstract class RecurrentLayerProvider implements LayerProvider {

    /** The options every recurrent layer type reads. */
    public static final List<OptionSpec> COMMON_OPTIONS = List.of(
            OptionSpec.required("hidden_size", OptionType.INTEGER, "The size of the state h of each cell, at least 1.")
                    .atLeast(1),
            OptionSpec.optional("num_layers", OptionType.INTEGER, 1,
                    "How many recurrent layers are stacked, each taking the outputs of the one below.").atLeast(1),
            OptionSpec.optional("bidirectional", OptionType.BOOLEAN, false,
                    "Whether each layer also runs from the last step to the first; outputs join both directions."),
            OptionSpec.optional("dropout", OptionType.NUMBER, 0.0,
                    "Dropout probability in [0, 1) on the outputs of every layer but the last, in training.")
                    .range(OptionSpec.Range.closedOpen(0, 1)),
            OptionSpec.optional("bias", OptionType.BOOLEAN, true, "Whether the cells have bias_ih and bias_hh."),
            OptionSpec.optional("return_sequences", OptionType.BOOLEAN, false,
                    "Output every step [time, directions * hidden], or only the final h of the top layer"
                            + " [directions * hidden]."),
            OptionSpec.optional("max_length", OptionType.INTEGER, null,
                    "The longest sequence accepted (steps); longer inputs are refused. None when absent.").atLeast(1),
            OptionSpec.optional("stateful", OptionType.BOOLEAN, false,
                    "Start each training batch from the final state of the batch before (detached; reset at every"
                            + " epoch, not used in evaluation): truncated backpropagation through time over"
                            + " contiguous windows, which needs training.shuffle: false."));

    /** @return the options of this layer type: {@link #COMMON_OPTIONS} and any of its own */
    @Override
    public List<OptionSpec> options() {
        return COMMON_OPTIONS;
    }

    /**
     * @param options the layer's checked options
     * @return the cell this layer type runs, perhaps chosen by an option of its own
     * @throws OptionException if an option of its own is wrong
     */
    protected abstract RecurrentCell cell(Options options);

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        return create(options, List.of(inputShape), context);
    }

    @Override
    public Layer create(Options options, List<Shape> inputShapes, LayerContext context) {
        options.rejectUnknown(options());
        StackedRecurrentLayer.Config config = new StackedRecurrentLayer.Config(
                atLeast(options, "hidden_size", options.getInt("hidden_size"), 1),
                atLeast(options, "num_layers", options.getInt("num_layers", 1), 1),
                options.getBoolean("bidirectional", false),
                dropout(options),
                options.getBoolean("bias", true),
                options.getBoolean("return_sequences", false),
                options.has("max_length") ? atLeast(options, "max_length", options.getInt("max_length"), 1) : 0,
                options.getBoolean("stateful", false));
        if (config.stateful() && config.bidirectional()) {
            throw new OptionException(options.pathOf("stateful"), "a bidirectional layer cannot be stateful: its"
                    + " reverse direction starts at the end of each window, so there is no state to carry on");
        }
        RecurrentCell cell = cell(options);
        if (inputShapes.isEmpty() || inputShapes.get(0).rank() != 2) {
            throw new ShapeMismatchException(context.path() + " (" + name() + "): expects sequences [time, features]"
                    + " per sample (batch first: [batch, time, features]), got "
                    + (inputShapes.isEmpty() ? "no input" : inputShapes.get(0)));
        }
        var layer = new StackedRecurrentLayer(name(), options, cell, config, inputShapes.get(0).dim(1), context);
        layer.outputShape(inputShapes);
        return layer;
    }

    /**
     * @param own the options a layer type adds
     * @return {@link #COMMON_OPTIONS} followed by {@code own}
     */
    protected static List<OptionSpec> withCommon(List<OptionSpec> own) {
        List<OptionSpec> all = new ArrayList<>(COMMON_OPTIONS);
        all.addAll(own);
        return List.copyOf(all);
    }

    private static int atLeast(Options options, String key, int value, int min) {
        if (value < min) {
            throw new OptionException(options.pathOf(key), "must be at least " + min + ", got " + value);
        }
        return value;
    }

    private static double dropout(Options options) {
        double p = options.getDouble("dropout", 0.0);
        if (!(p >= 0 && p < 1)) {
            throw new OptionException(options.pathOf("dropout"), "must be in [0, 1), got " + p);
        }
        return p;
    }
}
