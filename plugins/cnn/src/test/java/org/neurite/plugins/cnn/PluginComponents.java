package org.neurite.plugins.cnn;

import java.util.List;
import java.util.Map;

import org.neurite.api.ComponentProvider;
import org.neurite.api.Options;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

/** The engine's built-ins plus this plugin's providers, as the launcher registers them, and model shortcuts. */
final class PluginComponents {

    private PluginComponents() {
    }

    /** @return a new instance of every provider the plugin ships */
    static List<ComponentProvider> providers() {
        return List.of(new ConvProviders.Conv2d(), new ConvProviders.Conv1d(), new ConvProviders.ConvTranspose2d(),
                new PoolLayer.MaxProvider(), new PoolLayer.AvgProvider(), new AdaptivePoolLayer.GlobalAvgProvider(),
                new AdaptivePoolLayer.GlobalMaxProvider(), new AdaptivePoolLayer.AdaptiveAvgProvider(),
                new AdaptivePoolLayer.AdaptiveMaxProvider(), new Dropout2dLayer.Provider(), new UpsampleLayer.Provider(),
                new ZeroPad2dLayer.Provider(), new ImageFolderSource.Provider());
    }

    /** @return the built-in components with the plugin's registered */
    static Components components() {
        return Components.builtIns().registerAll(providers());
    }

    /**
     * @param input the per-sample input shape
     * @param layers the layers, as a config lists them
     * @param seed the model's seed
     * @return the model built from a {@code model} section
     */
    static Sequential model(List<Integer> input, List<Map<String, Object>> layers, long seed) {
        return Sequential.fromOptions(Options.of("model", Map.of("input", input, "layers", layers)), components(), seed);
    }
}
