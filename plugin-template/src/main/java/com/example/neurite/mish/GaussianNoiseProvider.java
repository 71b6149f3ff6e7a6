package com.example.neurite.mish;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.pf4j.Extension;

/** Makes {@code {type: gaussian_noise, stddev: 0.1}} available as a layer in run configs. */
@Extension
public final class GaussianNoiseProvider implements LayerProvider {

    /** The type configs use. */
    static final String TYPE = "gaussian_noise";

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Adds zero-mean Gaussian noise to its input while training; identity in inference.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("stddev", OptionType.NUMBER, 0.1,
                "Standard deviation of the noise, at least 0."));
    }

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(options());
        double stddev = options.getDouble("stddev", 0.1);
        if (!(stddev >= 0)) {
            throw new OptionException(options.pathOf("stddev"), "must be at least 0, got " + stddev);
        }
        return new GaussianNoiseLayer(options, (float) stddev, context.random());
    }
}
