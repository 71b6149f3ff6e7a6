package org.neurite.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.StepGradients;
import org.neurite.spark.sync.SyncGradients;

/**
 * A whole training on Spark for the launcher's {@code neurite train CONFIG --spark MASTER}: its
 * own context, started and checked before the run folder is made, and the synchronous mode's
 * step gradients; closing it stops the context. Its methods take only Neurite and JDK types, so
 * the launcher compiles without Spark and needs it on the class path only with {@code --spark}.
 */
public final class SparkRun implements StepGradients, AutoCloseable {

    /**
     * What the launcher asks for.
     *
     * @param master the master, such as {@code local[2]}; empty for the one {@code spark-submit} set
     * @param partitions tasks per step
     * @param microBatch samples per micro-batch
     * @param pluginDirs the folders of the plugin zips that travel with the job
     */
    public record Settings(String master, int partitions, int microBatch, List<Path> pluginDirs) {
    }

    private final JavaSparkContext spark;
    private final SyncGradients gradients;
    private final String description;

    private SparkRun(JavaSparkContext spark, SyncGradients gradients, String description) {
        this.spark = spark;
        this.gradients = gradients;
        this.description = description;
    }

    /**
     * Starts the context, sends the model, loss, data and plugins, and builds a worker on every partition.
     *
     * @param settings the master, partitions, micro-batch size and plugin folders
     * @param name the application's name
     * @param model the model to train
     * @param loss the loss's name and options
     * @param train the training data
     * @param components the components the model was built with
     * @return the run, ready to give step gradients
     * @throws SparkTrainingException if Spark cannot start, or the job cannot (one line)
     */
    public static SparkRun start(Settings settings, String name, Model model, Map.Entry<String, Map<String, Object>> loss,
                                 Dataset train, Components components) {
        JavaSparkContext spark = SparkContexts.start(settings.master(), name);
        try {
            SparkTraining training = SparkTraining.on(spark).partitions(settings.partitions())
                    .microBatch(settings.microBatch()).loss(loss.getKey(), loss.getValue())
                    .plugins(settings.pluginDirs(), components);
            return new SparkRun(spark, training.synchronous(model, train), training.toString());
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }

    @Override
    public Outcome compute(Batch batch, int[] samples, long seed, long step) {
        return gradients.compute(batch, samples, seed, step);
    }

    /** @return the mode and settings, for the run log */
    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        try {
            gradients.close();
        } finally {
            spark.stop();
        }
    }
}
