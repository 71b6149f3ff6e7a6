package org.neurite.spark.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neurite.api.Parameter;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.StepGradients;
import org.neurite.spark.travel.DatasetBytes;
import org.neurite.spark.travel.LossSpec;
import org.neurite.spark.travel.ModelBytes;
import org.neurite.spark.travel.PluginZips;
import org.neurite.spark.travel.TrainingParts;

/**
 * The synchronous mode's mathematics on one machine, without Spark: the same micro-batches, the
 * same worker code and the same sum in micro-batch order. A Spark run in the synchronous mode
 * gives the weights this gives, bit for bit, for any number of partitions.
 */
public final class LocalMicroBatches implements StepGradients {

    private final Map<String, Parameter> parameters;
    private final Worker worker;
    private final int microBatch;

    /**
     * @param parameters the model's parameters, which receive the summed gradients
     * @param parts the model files, loss and data, as a Spark job sends them
     * @param components where the model's layers and the loss are looked up
     * @param microBatch samples per micro-batch
     */
    public LocalMicroBatches(Map<String, Parameter> parameters, TrainingParts parts, Components components,
                             int microBatch) {
        this.parameters = parameters;
        this.worker = new Worker(parts, parts.data().toDataset(), components);
        this.microBatch = microBatch;
    }

    /**
     * @param model the model to train
     * @param loss the loss's name and options
     * @param train the training data
     * @param components where the model's layers and the loss are looked up
     * @param microBatch samples per micro-batch
     * @return the step gradients, for the trainer
     */
    public static LocalMicroBatches of(Model model, Map.Entry<String, Map<String, Object>> loss, Dataset train,
                                       Components components, int microBatch) {
        TrainingParts parts = new TrainingParts(ModelBytes.of(model, Map.of()), LossSpec.of(loss.getKey(), loss.getValue()),
                DatasetBytes.of(train), PluginZips.NONE);
        return new LocalMicroBatches(model.parameters(), parts, components, microBatch);
    }

    @Override
    public Outcome compute(Batch batch, int[] samples, long seed, long step) {
        worker.weights(WeightsFile.bytes(parameters));
        List<MicroGradient> gradients = new ArrayList<>();
        for (MicroBatch micro : MicroBatches.split(samples, microBatch)) {
            gradients.add(worker.gradients(micro, seed, step));
        }
        return GradientSum.apply(gradients, parameters);
    }
}
