package org.neurite.spark.sync;

import java.util.Map;

import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.RandomStreams;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.TokenCounts;
import org.neurite.spark.travel.TrainingParts;

/**
 * One copy of the model with its loss and the training data, computing the gradients of
 * micro-batches: on an executor, one per task running at a time; on one machine, the reference
 * that a Spark run matches bit for bit. Before every micro-batch the layers' training streams are
 * positioned from the run's seed and step, as the trainer does before a step, so dropout draws
 * the same on any machine.
 */
final class Worker {

    private final Model model;
    private final Loss loss;
    private final Dataset data;
    private final Map<String, Parameter> parameters;
    private final RandomStreams streams;

    Worker(TrainingParts parts, Dataset data, Components components) {
        this.model = parts.model().load(components);
        this.loss = parts.loss().create(components);
        this.data = data;
        this.parameters = model.parameters();
        this.streams = model.randomStreams();
    }

    /** Takes the weights of the step, as safetensors bytes. */
    void weights(byte[] safetensors) {
        WeightsFile.load(safetensors, "the step's weights", parameters);
    }

    /**
     * @param micro the micro-batch
     * @param seed the run's seed
     * @param step the run's step
     * @return the gradients of its mean loss, the loss and the output
     */
    MicroGradient gradients(MicroBatch micro, long seed, long step) {
        for (Parameter p : parameters.values()) {
            p.zeroGradient();
        }
        streams.position(seed, step);
        Batch batch = batch(micro.samples());
        Tensor prediction = Model.apply(model, batch.inputs(), Mode.TRAINING);
        Tensor batchLoss = loss.compute(prediction, batch.targets());
        double value = batchLoss.item();
        batchLoss.backward();
        int total = 0;
        for (Parameter p : parameters.values()) {
            total += p.shape().intSize();
        }
        float[] gradient = new float[total];
        boolean[] present = new boolean[parameters.size()];
        int offset = 0;
        int i = 0;
        for (Parameter p : parameters.values()) {
            float[] g = p.gradient();
            if (g != null) {
                System.arraycopy(g, 0, gradient, offset, g.length);
                present[i] = true;
            }
            offset += p.shape().intSize();
            i++;
        }
        long weight = TokenCounts.isPerStep(prediction.shape(), batch.targets().shape())
                ? new TokenCounts().add(prediction, batch.targets()) : batch.size();
        return new MicroGradient(micro.index(), gradient, present, value, weight, prediction.toArray(),
                prediction.shape().dims());
    }

    /** The samples as one batch, made exactly as the trainer's loader makes batches. */
    private Batch batch(int[] samples) {
        Dataset micro = data.subset(samples);
        return DataLoader.of(micro, CpuBackend.instance()).batchSize(samples.length).build().nextEpoch()
                .iterator().next();
    }
}
