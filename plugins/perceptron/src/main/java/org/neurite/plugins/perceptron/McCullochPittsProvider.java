package org.neurite.plugins.perceptron;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerDefinition;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.pf4j.Extension;

/**
 * {@code {type: mcculloch_pitts, weights: [[1, 1]], thresholds: [2]}}: fixed threshold neurons
 * over binary inputs (this one computes AND). Several units take several rows of weights.
 */
@Extension
public final class McCullochPittsProvider extends LayerDefinition implements LayerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("weights", OptionType.NUMBERS,
                    "One row of input weights per unit, such as [[1, 1], [-1, -1]] (a flat list is one unit);"
                            + " positive weights excite, negative ones inhibit. Fixed: never learned."),
            OptionSpec.required("thresholds", OptionType.NUMBERS,
                    "One threshold per unit, such as [2] (a single number serves every unit): a unit outputs 1"
                            + " when the weighted sum of its inputs is >= its threshold, else 0."));

    /** Creates the provider. */
    public McCullochPittsProvider() {
        super(McCullochPittsLayer.TYPE,
                "McCulloch-Pitts neurons: binary inputs, fixed weights and thresholds from the config; each unit"
                + " outputs 1 when its weighted input sum reaches its threshold, else 0. No learning.",
                McCullochPittsProvider::build, OPTIONS.toArray(OptionSpec[]::new));
    }

    private static Layer build(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(OPTIONS);
        float[][] weights = WeightRows.matrix(options, "weights");
        float[] thresholds = WeightRows.perUnit(options, "thresholds", weights.length);
        Layer layer = new McCullochPittsLayer(options, context.path(), weights, thresholds, context.backend());
        layer.outputShape(inputShape);
        return layer;
    }
}
