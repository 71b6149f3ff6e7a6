package org.neurite.spark.travel;

import java.io.Serializable;

/**
 * Everything an executor needs to compute gradients, sent once per job (as a Spark broadcast):
 * the model's files, the loss by name, the training data and the plugin zips. The weights of
 * each step travel apart, as safetensors bytes.
 *
 * @param model the model as {@code model.json} text and safetensors bytes
 * @param loss the loss by name and options
 * @param data the training data
 * @param plugins the plugin zips the model may need
 */
public record TrainingParts(ModelBytes model, LossSpec loss, DatasetBytes data, PluginZips plugins)
        implements Serializable {

    /** @return the bytes the parts hold, what each executor keeps in memory for them */
    public long bytes() {
        long plugins = this.plugins.zips().values().stream().mapToLong(z -> z.length).sum();
        return model.json().length() + model.weights().length + data.safetensors().length + plugins;
    }
}
