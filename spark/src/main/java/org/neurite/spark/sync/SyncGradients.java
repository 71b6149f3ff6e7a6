package org.neurite.spark.sync;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.neurite.api.Parameter;
import org.neurite.engine.data.Batch;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.train.StepGradients;
import org.neurite.spark.travel.TrainingParts;

/**
 * The synchronous mode on Spark: every step, the global batch is split into fixed-size
 * micro-batches, the micro-batches are spread over the partitions in order, each task computes the
 * gradients of its micro-batches with the step's weights, and the driver sums them in micro-batch
 * order and hands them to the trainer, which clips, schedules and steps the optimizer once. One
 * Spark job per step; the parts of the job (model files, loss, data, plugin zips) are broadcast
 * once, the weights travel with each step's tasks as safetensors bytes.
 */
public final class SyncGradients implements StepGradients, AutoCloseable {

    private final JavaSparkContext spark;
    private final Map<String, Parameter> parameters;
    private final int partitions;
    private final int microBatch;
    private final String job = UUID.randomUUID().toString();
    private final Broadcast<TrainingParts> parts;

    /**
     * @param spark the Spark context
     * @param parameters the driver's model's parameters, which receive the summed gradients
     * @param parts what the executors need, broadcast once
     * @param partitions how many tasks share a step's micro-batches
     * @param microBatch samples per micro-batch
     */
    public SyncGradients(JavaSparkContext spark, Map<String, Parameter> parameters, TrainingParts parts,
                         int partitions, int microBatch) {
        this.spark = spark;
        this.parameters = parameters;
        this.partitions = partitions;
        this.microBatch = microBatch;
        this.parts = spark.broadcast(parts);
    }

    @Override
    public Outcome compute(Batch batch, int[] samples, long seed, long step) {
        List<MicroBatch> micro = MicroBatches.split(samples, microBatch);
        byte[] weights = WeightsFile.bytes(parameters);
        List<MicroGradient> gradients = SparkFailures.oneLine(() -> spark
                .parallelize(micro, Math.min(partitions, micro.size()))
                .mapPartitions(new MicroBatchTask(job, parts, weights, seed, step))
                .collect());
        return GradientSum.apply(gradients, parameters);
    }

    /**
     * Builds a worker on every partition, so that a model or plugin that does not load on the
     * executors fails here, before training starts, in one line.
     */
    public void check() {
        List<MicroBatch> empty = new java.util.ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            empty.add(new MicroBatch(i, new int[0]));
        }
        SparkFailures.oneLine(() -> spark.parallelize(empty, partitions)
                .mapPartitions(new MicroBatchTask(job, parts, WeightsFile.bytes(parameters), 0, 0)).count());
    }

    /** Drops the broadcast parts and, where the driver shares their JVM, the workers. */
    @Override
    public void close() {
        parts.destroy();
        Workers.forget(job);
    }
}
