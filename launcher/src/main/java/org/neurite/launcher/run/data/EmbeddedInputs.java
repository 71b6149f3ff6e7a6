package org.neurite.launcher.run.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.engine.nn.EmbeddingLayer;
import org.neurite.engine.nn.Model;

/**
 * The model inputs that an embedding layer looks up directly, with that layer's vocabulary, so
 * that token ids outside it are found before training rather than in the middle of an epoch.
 * In a sequential model it is the first layer; in a graph, any embedding that lists the input.
 */
final class EmbeddedInputs {

    /**
     * An embedding layer reading an input.
     *
     * @param layer its key path, such as {@code model.layers[0]}
     * @param vocabulary its number of rows
     */
    record Embedding(String layer, int vocabulary) {
    }

    private EmbeddedInputs() {
    }

    /** @return the embeddings by the name of the input they read */
    static Map<String, Embedding> of(Model model) {
        Map<String, Embedding> found = new LinkedHashMap<>();
        Map<String, Object> architecture = model.architecture();
        if (!(architecture.get("layers") instanceof List<?> layers)) {
            return found;
        }
        String only = model.inputShapes().keySet().iterator().next();
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Map<?, ?> layer) || !EmbeddingLayer.TYPE.equals(layer.get("type"))
                    || !(layer.get("vocabulary") instanceof Number vocabulary)) {
                continue;
            }
            Object inputs = layer.get("inputs");
            String input = inputs == null && i == 0 ? only
                    : inputs instanceof List<?> names && names.size() == 1 ? String.valueOf(names.get(0)) : null;
            if (input != null && model.inputShapes().containsKey(input)) {
                found.put(input, new Embedding("model.layers[" + i + "]", vocabulary.intValue()));
            }
        }
        return found;
    }
}
