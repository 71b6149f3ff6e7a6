package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.pf4j.Extension;

/** {@code {type: sequence_pool, mode: mean}}: a sequence to one vector, for classifying it. */
@Extension
public final class SequencePoolProvider implements LayerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("mode", OptionType.STRING, "mean", "mean (over the steps) or first (a class token)."));

    @Override
    public String name() {
        return SequencePool.TYPE;
    }

    @Override
    public String description() {
        return "Reduces a sequence [time, width] to [width]: the mean over its steps or its first step.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(OPTIONS);
        String mode = LayerOptions.choice(options, "mode", "mean", SequencePool.MODES);
        SequencePool pool = new SequencePool(options, mode.equals("mean"));
        pool.outputShape(inputShape);
        return pool;
    }
}
