package org.neurite.plugins.perceptron;

import java.util.List;

import org.neurite.api.ComponentRef;
import org.neurite.api.Initializer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerDefinition;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.pf4j.Extension;

/**
 * {@code {type: perceptron}} (or {@code {type: perceptron, units: 3}}): Rosenblatt's linear
 * threshold units, trained with {@code loss: perceptron} and {@code optimizer: perceptron}.
 */
@Extension
public final class PerceptronLayerProvider extends LayerDefinition implements LayerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("units", OptionType.INTEGER, 1,
                    "Number of threshold units, at least 1; each outputs 0 or 1 and learns on its own."),
            OptionSpec.optional("use_bias", OptionType.BOOLEAN, true,
                    "Whether each unit has a bias (a learned threshold), updated as a weight on a constant input 1."),
            OptionSpec.optional("weight_init", OptionType.COMPONENT, "zeros",
                    "Initializer of the weights [units, in]: a name or {name: ..., <its options>}; Rosenblatt starts"
                            + " from zeros."),
            OptionSpec.optional("bias_init", OptionType.COMPONENT, "zeros",
                    "Initializer of the bias [units]: a name or {name: ..., <its options>}."));

    /** Creates the provider. */
    public PerceptronLayerProvider() {
        super(PerceptronLayer.TYPE,
                "Rosenblatt's perceptron: units y = step(w . x + b), 1 where w . x + b >= 0, else 0; learns with"
                + " loss perceptron and optimizer perceptron (w += lr (y - y_hat) x on each mistake).",
                PerceptronLayerProvider::build, OPTIONS.toArray(OptionSpec[]::new));
    }

    private static Layer build(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(OPTIONS);
        int units = options.getInt("units", 1);
        if (units < 1) {
            throw new OptionException(options.pathOf("units"), "must be a positive whole number, got " + units);
        }
        boolean useBias = options.getBoolean("use_bias", true);
        Initializer weightInit = initializer(options, "weight_init", context);
        Initializer biasInit = useBias ? initializer(options, "bias_init", context) : null;
        if (inputShape.rank() != 1 || inputShape.dim(0) < 1) {
            throw new ShapeMismatchException(PerceptronLayer.TYPE + ": expects per-sample inputs [features], a"
                    + " non-empty vector, got " + inputShape + " (put a flatten layer before it)");
        }
        return new PerceptronLayer(options, context, inputShape.dim(0), units, weightInit, biasInit);
    }

    private static Initializer initializer(Options options, String key, LayerContext context) {
        ComponentRef ref = ComponentRef.read(options, key, "zeros");
        return context.initializer(ref.name(), ref.options());
    }
}
