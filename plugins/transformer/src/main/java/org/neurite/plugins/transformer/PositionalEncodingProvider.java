package org.neurite.plugins.transformer;

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
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.pf4j.Extension;

/** {@code {type: positional_encoding, kind: learned}}: sinusoidal or learned positions added to the steps. */
@Extension
public final class PositionalEncodingProvider extends LayerDefinition implements LayerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("kind", OptionType.STRING, "sinusoidal", "sinusoidal (fixed) or learned."),
            OptionSpec.optional("max_length", OptionType.INTEGER, null,
                    "Longest sequence the table covers; default: the input's length."),
            OptionSpec.optional("std", OptionType.NUMBER, 0.02,
                    "Standard deviation of the learned table's normal initial values."));

    /** Creates the provider. */
    public PositionalEncodingProvider() {
        super(PositionalEncoding.TYPE,
                "Adds position vectors to a sequence [time, width]: fixed sinusoids or a learned table"
                + " weight [max_length, width].",
                PositionalEncodingProvider::build, OPTIONS.toArray(OptionSpec[]::new));
    }

    private static Layer build(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(OPTIONS);
        String kind = LayerOptions.choice(options, "kind", "sinusoidal", List.of("sinusoidal", "learned"));
        if (inputShape.rank() != 2) {
            throw new ShapeMismatchException(PositionalEncoding.TYPE + ": expects a sequence [time, width], got "
                    + inputShape);
        }
        int time = inputShape.dim(0);
        int width = inputShape.dim(1);
        int maxLength = LayerOptions.positive(options, "max_length", time);
        if (time > maxLength) {
            throw new OptionException(options.pathOf("max_length"), "the input has " + time
                    + " steps, more than max_length " + maxLength);
        }
        if (kind.equals("learned")) {
            double std = LayerOptions.positiveNumber(options, "std", 0.02);
            Parameter table = context.backend().parameter(Shape.of(maxLength, width),
                    context.initializer("normal", Options.of(Map.of("std", std))), context.random());
            return new PositionalEncoding(options, maxLength, width, table, null);
        }
        return new PositionalEncoding(options, maxLength, width, null,
                context.backend().tensor(PositionalEncoding.sinusoids(maxLength, width), Shape.of(maxLength, width)));
    }
}
