package org.neurite.plugins.perceptron;

import java.util.List;
import java.util.Map;

import org.neurite.api.ComponentProvider;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

/** The engine's built-ins plus this plugin's providers, as the launcher registers them, and model shortcuts. */
final class PluginComponents {

    private PluginComponents() {
    }

    /** @return a new instance of every provider the plugin ships */
    static List<ComponentProvider> providers() {
        return List.of(new McCullochPittsProvider(), new PerceptronLayerProvider(), new PerceptronLossProvider(),
                new PerceptronOptimizerProvider(), new MlpProvider());
    }

    /** @return the built-in components with the plugin's registered */
    static Components components() {
        return Components.builtIns().registerAll(providers());
    }

    /**
     * @param input the per-sample input shape
     * @param layers the layers, as a config lists them
     * @return the model built from a {@code model} section, with seed 0
     */
    static Sequential model(List<Integer> input, List<Map<String, Object>> layers) {
        return Sequential.fromOptions(Options.of("model", Map.of("input", input, "layers", layers)), components(), 0);
    }

    /** @return a batch tensor of the given rows */
    static Tensor rows(float[][] rows) {
        int columns = rows[0].length;
        float[] flat = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * columns, columns);
        }
        return CpuBackend.instance().tensor(flat, Shape.of(rows.length, columns));
    }

    /** @return every binary input row of the given width, in counting order: 00, 01, 10, 11 */
    static float[][] truthTableInputs(int width) {
        float[][] rows = new float[1 << width][width];
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < width; i++) {
                rows[r][i] = (r >> (width - 1 - i)) & 1;
            }
        }
        return rows;
    }
}
