package org.neurite.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.io.ModelFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.spark.sync.SyncGradients;
import org.neurite.spark.travel.DatasetBytes;
import org.neurite.spark.travel.LossSpec;
import org.neurite.spark.travel.ModelBytes;
import org.neurite.spark.travel.PluginZips;
import org.neurite.spark.travel.TrainingParts;

/**
 * Trains a Neurite model data-parallel on Spark, from a Spark application's own code. It gives the
 * engine's {@link org.neurite.engine.train.Trainer} the gradients of each step, computed on the
 * executors; everything else (schedules, clipping, validation, listeners, checkpoints) is the
 * trainer's, on the driver, as on one machine.
 *
 * <pre>{@code
 * try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("fashion"));
 *      SyncGradients gradients = SparkTraining.on(sc).partitions(4).microBatch(32)
 *              .loss("cross_entropy", Map.of()).synchronous(model, train)) {
 *     Trainer.builder(model, loss, optimizer).batchSize(128).epochs(10).seed(0)
 *             .stepGradients(gradients).build().fit(train, validation);
 * }
 * }</pre>
 *
 * <p>The synchronous mode splits every global batch into micro-batches of a fixed size, sums their
 * gradients in micro-batch order and steps once: the weights are the same, bit for bit, for any
 * number of partitions, and the same as {@link org.neurite.spark.sync.LocalMicroBatches} on one
 * machine. Model objects never travel: the model goes as {@code model.json} text and safetensors
 * bytes, the data as safetensors bytes, plugins as their zips.
 */
public final class SparkTraining {

    /** Micro-batch size unless set. */
    public static final int DEFAULT_MICRO_BATCH = 32;

    private final JavaSparkContext spark;
    private int partitions;
    private int microBatch = DEFAULT_MICRO_BATCH;
    private LossSpec loss = LossSpec.of("cross_entropy", Map.of());
    private List<Path> plugins = List.of();
    private Components components;

    private SparkTraining(JavaSparkContext spark) {
        this.spark = spark;
        this.partitions = spark.defaultParallelism();
    }

    /**
     * @param spark the application's Spark context
     * @return the settings of a training on it
     */
    public static SparkTraining on(JavaSparkContext spark) {
        return new SparkTraining(spark);
    }

    /**
     * @param partitions how many tasks share each step's micro-batches, at least 1 (default: the
     *     context's default parallelism)
     * @return this
     */
    public SparkTraining partitions(int partitions) {
        if (partitions < 1) {
            throw new SparkTrainingException("spark: partitions must be at least 1, got " + partitions);
        }
        this.partitions = partitions;
        return this;
    }

    /**
     * @param size samples per micro-batch, at least 1 (default {@value #DEFAULT_MICRO_BATCH}); the
     *     same size on one machine gives the same weights
     * @return this
     */
    public SparkTraining microBatch(int size) {
        if (size < 1) {
            throw new SparkTrainingException("spark: the micro-batch size must be at least 1, got " + size);
        }
        this.microBatch = size;
        return this;
    }

    /**
     * @param name the loss the executors create, as a run config names it (default {@code cross_entropy})
     * @param options its options
     * @return this
     */
    public SparkTraining loss(String name, Map<String, ?> options) {
        this.loss = LossSpec.of(name, options);
        return this;
    }

    /**
     * @param folders folders of plugin zips that travel with the job and load on every executor
     *     (the model's plugin layers need them); none by default
     * @param components the components the model was built with, so that its file records the
     *     plugins it needs
     * @return this
     */
    public SparkTraining plugins(List<Path> folders, Components components) {
        this.plugins = List.copyOf(folders);
        this.components = components;
        return this;
    }

    /**
     * Sends the model, loss, data and plugins to the executors and builds a worker on each
     * partition, so that what does not load there fails now, in one line.
     *
     * @param model the model to train (the driver's copy, which the optimizer updates)
     * @param train the training data, from any Neurite data source
     * @return the step gradients for {@link org.neurite.engine.train.Trainer.Builder#stepGradients};
     *     close it after training
     * @throws SparkTrainingException if there are more partitions than samples, the executors
     *     have too little memory, or the model or its plugins do not load there
     */
    public SyncGradients synchronous(Model model, Dataset train) {
        if (partitions > train.size()) {
            throw new SparkTrainingException("spark: " + partitions + " partitions but only " + train.size()
                    + " training samples; use at most " + train.size() + " partitions");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        if (components != null && !components.pluginsUsed().isEmpty()) {
            info.put(ModelFile.PLUGINS, components.pluginsUsed().entrySet().stream()
                    .map(e -> Map.of("id", e.getKey(), "version", e.getValue())).toList());
        }
        TrainingParts parts = new TrainingParts(ModelBytes.of(model, info), loss, DatasetBytes.of(train),
                PluginZips.of(plugins));
        ExecutorMemory.check(spark.getConf(), parts, spark.defaultParallelism());
        SyncGradients gradients = new SyncGradients(spark, model.parameters(), parts, partitions, microBatch);
        try {
            gradients.check();
        } catch (RuntimeException e) {
            gradients.close();
            throw e;
        }
        return gradients;
    }

    /** @return the settings, as a run log records them */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "spark %s: synchronous, %d partitions, micro-batches of %d",
                spark.master(), partitions, microBatch);
    }
}
