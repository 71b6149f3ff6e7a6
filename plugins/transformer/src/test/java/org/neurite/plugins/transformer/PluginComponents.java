package org.neurite.plugins.transformer;

import java.util.List;
import java.util.Map;

import org.neurite.api.ComponentProvider;
import org.neurite.api.Layer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

/** The engine's built-ins plus this plugin's providers, as the launcher registers them, and model shortcuts. */
final class PluginComponents {

    static final String PATH = "model.layers[0]";

    private PluginComponents() {
    }

    /** @return a new instance of every provider the plugin ships */
    static List<ComponentProvider> providers() {
        return List.of(new MultiHeadAttentionProvider(), new EncoderLayerProvider(), new TransformerEncoderProvider(),
                new DecoderLayerProvider(),
                new PositionalEncodingProvider(), new PatchEmbeddingProvider(), new SequencePoolProvider(),
                new CausalLmProvider(), new DigitStringsSource.Provider());
    }

    /** @return the built-in components with the plugin's registered */
    static Components components() {
        return Components.builtIns().registerAll(providers());
    }

    /**
     * @param type the layer type
     * @param options its options
     * @param inputs the per-sample shape of each input
     * @return the layer, built at {@link #PATH} with seed 0
     */
    static Layer layer(String type, Map<String, ?> options, List<Shape> inputs) {
        Components components = components();
        return components.layers().get(type, PATH).create(Options.of(PATH, options), inputs,
                EngineLayerContext.seeded(components, 0, PATH));
    }

    /**
     * @param input the per-sample input shape
     * @param layers the layers, as a config lists them
     * @return the model built from a {@code model} section, with seed 0
     */
    static Sequential model(List<Integer> input, List<Map<String, Object>> layers) {
        return Sequential.fromOptions(Options.of("model", Map.of("input", input, "layers", layers)), components(), 0);
    }
}
