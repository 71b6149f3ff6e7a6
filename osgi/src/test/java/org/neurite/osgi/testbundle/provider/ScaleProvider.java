package org.neurite.osgi.testbundle.provider;

import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/** The layer type {@code scale}, {@code {type: scale, factor: 0.5}}: multiplies its input by a constant. */
public final class ScaleProvider implements LayerProvider {

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String description() {
        return "Multiplies its input by a constant factor.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("factor", OptionType.NUMBER, 1.0, "The factor."));
    }

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(options());
        float factor = (float) options.getDouble("factor", 1.0);
        return new Layer() {
            @Override
            public String type() {
                return "scale";
            }

            @Override
            public Options options() {
                return options;
            }

            @Override
            public Shape outputShape(Shape input) {
                return input;
            }

            @Override
            public Map<String, Parameter> parameters() {
                return Map.of();
            }

            @Override
            public Tensor forward(Tensor input, Mode mode) {
                return input.mul(factor);
            }
        };
    }
}
