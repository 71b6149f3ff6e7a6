package org.neurite.plugins.perceptron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerDefinition;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.pf4j.Extension;

/**
 * {@code {type: mlp, hidden: [256, 128], activation: relu, output: 10, dropout: 0.2}}: a
 * multi-layer perceptron in one line. It builds, through the registered {@code dense} and
 * {@code dropout} layer types, one dense layer per hidden size with the activation, dropout after
 * each hidden layer when asked, and an optional output layer without activation.
 */
@Extension
public final class MlpProvider extends LayerDefinition implements LayerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("hidden", OptionType.INTEGERS,
                    "Sizes of the hidden layers in order, such as [256, 128]; each at least 1."),
            OptionSpec.optional("activation", OptionType.COMPONENT, "relu",
                    "Activation after each hidden layer: a name or {name: ..., <its options>}."),
            OptionSpec.optional("output", OptionType.INTEGER, null,
                    "Units of a final dense layer without activation (such as 10 class scores); none if absent."),
            OptionSpec.optional("dropout", OptionType.NUMBER, 0.0,
                    "Drop probability after each hidden layer, in [0, 1); 0 adds no dropout layers."));

    /** Creates the provider. */
    public MlpProvider() {
        super(MlpBlock.TYPE,
                "Multi-layer perceptron block: dense layers of the hidden sizes with an activation (relu by default),"
                + " optional dropout after each, and an optional output layer without activation.",
                MlpProvider::build, OPTIONS.toArray(OptionSpec[]::new));
    }

    private static Layer build(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(OPTIONS);
        int[] hidden = hiddenSizes(options);
        Object activation = options.has("activation") ? options.raw("activation") : "relu";
        Integer output = options.has("output") ? positive(options, "output", options.getInt("output")) : null;
        double dropout = options.getDouble("dropout", 0.0);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new OptionException(options.pathOf("dropout"), "must be in [0, 1), got " + dropout);
        }
        List<Layer> parts = new ArrayList<>();
        Shape shape = inputShape;
        for (int units : hidden) {
            // Built at this block's path, so a wrong activation is reported at its own key here.
            shape = add(parts, context.layer("dense", at(options, "units", units, "activation", activation), shape),
                    shape);
            if (dropout > 0) {
                shape = add(parts, context.layer("dropout", at(options, "rate", dropout), shape), shape);
            }
        }
        if (output != null) {
            add(parts, context.layer("dense", at(options, "units", output), shape), shape);
        }
        return new MlpBlock(options, parts);
    }

    private static int[] hiddenSizes(Options options) {
        Object raw = options.raw("hidden");
        int[] hidden = raw instanceof Number ? new int[] {options.getInt("hidden")} : options.getIntList("hidden");
        if (hidden.length == 0) {
            throw new OptionException(options.pathOf("hidden"), "must list at least one hidden size, such as [128]");
        }
        for (int i = 0; i < hidden.length; i++) {
            positive(options, "hidden[" + i + "]", hidden[i]);
        }
        return hidden;
    }

    private static int positive(Options options, String key, int value) {
        if (value < 1) {
            throw new OptionException(options.pathOf(key), "must be a positive whole number, got " + value);
        }
        return value;
    }

    private static Options at(Options owner, Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Options.of(owner.path(), map);
    }

    private static Shape add(List<Layer> parts, Layer layer, Shape input) {
        parts.add(layer);
        return layer.outputShape(input);
    }
}
