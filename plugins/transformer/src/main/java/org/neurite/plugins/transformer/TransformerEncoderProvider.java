package org.neurite.plugins.transformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.pf4j.Extension;

/**
 * {@code {type: transformer_encoder, num_layers: 2, heads: 4, feedforward: 128}}: a stack of
 * encoder layers that, as PyTorch's {@code nn.TransformerEncoder} (which deep-copies the layer it
 * is given), all start from the first layer's initial values.
 */
@Extension
public final class TransformerEncoderProvider extends SequenceLayerProvider implements LayerProvider {

    private static final EncoderLayerProvider LAYER = new EncoderLayerProvider();

    /** The provider of {@value TransformerEncoder#TYPE}. */
    public TransformerEncoderProvider() {
        super(TransformerEncoder.TYPE, "Stack of num_layers transformer encoder layers (PyTorch's nn.TransformerEncoder,"
                + " no final norm): parameters layers.<i>.*, every layer starting from the same initial values, as"
                + " PyTorch's copies of one layer do; the other options as transformer_encoder_layer's.",
                joined(List.of(OptionSpec.required("num_layers", OptionType.INTEGER, "Number of encoder layers in the stack.")),
                        LAYER.options()));
    }

    @Override
    Layer build(Options options, List<Shape> inputShapes, LayerContext context) {
        int count = LayerOptions.positive(options, "num_layers");
        Map<String, Object> layerOptions = new LinkedHashMap<>(options.asMap());
        layerOptions.remove("num_layers");
        Options each = Options.of(options.path(), layerOptions);
        List<EncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            layers.add((EncoderLayer) LAYER.create(each, inputShapes, context));
        }
        Map<String, Parameter> first = layers.get(0).parameters();
        for (EncoderLayer copy : layers.subList(1, count)) {
            copy.parameters().forEach((name, p) ->
                    System.arraycopy(first.get(name).data(), 0, p.data(), 0, p.data().length));
        }
        return new TransformerEncoder(options, layers);
    }
}
