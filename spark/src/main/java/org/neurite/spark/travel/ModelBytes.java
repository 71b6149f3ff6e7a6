package org.neurite.spark.travel;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.neurite.engine.io.ModelFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;

/**
 * A model as it travels to the executors: the text of its {@code model.json} and the bytes of
 * its {@code model.safetensors}, exactly the files a run folder holds. The executors write them to
 * a temporary folder and load them with {@link ModelFile#load}, as one machine loads a saved model,
 * so a model object itself is never serialized.
 *
 * @param json the model file's JSON text
 * @param weights the weights file's bytes
 */
public record ModelBytes(String json, byte[] weights) implements Serializable {

    private static final String FILE = "model.json";

    /**
     * @param model the model to send, with its current weights
     * @param info the model file's entries beyond the format's own (such as the plugins that built it)
     * @return its files' contents
     */
    public static ModelBytes of(Model model, Map<String, ?> info) {
        return TemporaryFolder.use("neurite-model", folder -> {
            Path json = folder.resolve(FILE);
            ModelFile.save(json, model, info);
            return new ModelBytes(Files.readString(json), Files.readAllBytes(ModelFile.weightsFileOf(json)));
        });
    }

    /**
     * Rebuilds the model.
     *
     * @param components where the layer types it names are looked up (the built-ins and the plugins sent)
     * @return the model with the weights sent
     * @throws MissingPluginException if the model needs a plugin the components lack, naming it
     */
    public Model load(Components components) {
        Object parsed = org.neurite.engine.io.Json.read(json, FILE);
        if (parsed instanceof Map<?, ?> entries) {
            var missing = ModelFile.missingPlugins(entries, components);
            if (!missing.isEmpty()) {
                throw new MissingPluginException("the model needs the plugin " + String.join(", ", missing)
                        + ", which is not installed on the executors: pass its zip with the job"
                        + " (plugins folder) so that it travels with the model");
            }
        }
        return TemporaryFolder.use("neurite-model", folder -> {
            Path file = folder.resolve(FILE);
            Files.writeString(file, json);
            Files.write(ModelFile.weightsFileOf(file), weights);
            return ModelFile.load(file, components).model();
        });
    }

    /** A model that names a plugin layer the executors do not have. */
    public static final class MissingPluginException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingPluginException(String message) {
            super(message);
        }
    }
}
