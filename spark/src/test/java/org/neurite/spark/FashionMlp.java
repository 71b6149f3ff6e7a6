package org.neurite.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.FashionMnist;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;

/** The Fashion-MNIST MLP of {@code examples/fashion-mlp.yaml} (784-256-128-10, 235,146 parameters) and its data. */
public final class FashionMlp {

    /** The examples' Fashion-MNIST folder, from the module's folder. */
    public static final Path DATA = Path.of("../examples/data/fashion-mnist");

    private FashionMlp() {
    }

    /** @return the model, initialised from seed 0 */
    public static Model model() {
        Map<String, Object> model = Map.of("input", List.of(28, 28), "layers", List.of(
                Map.of("type", "flatten"),
                Map.of("type", "dense", "units", 256, "activation", "relu"),
                Map.of("type", "dense", "units", 128, "activation", "relu"),
                Map.of("type", "dense", "units", 10)));
        return Model.fromOptions(Options.of("model", model), Components.builtIns(), 0);
    }

    /** @return Adam with a learning rate of 0.001 */
    public static Optimizer adam() {
        return Components.builtIns().optimizer("adam", Options.of("optimizer", Map.of("lr", 0.001)));
    }

    /**
     * @param rows how many of the training images, from the first
     * @return them, scaled to [0, 1]
     */
    public static Dataset train(int rows) {
        try {
            return FashionMnist.loadTrain(DATA).subset(0, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
