package org.neurite.spark;

import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.neurite.spark.barrier.BarrierMode;
import org.neurite.spark.barrier.BarrierReports;
import org.neurite.spark.barrier.BarrierTraining;
import org.neurite.spark.barrier.TrainingRecipe;

/**
 * A whole barrier-mode training on Spark for the launcher's {@code neurite train CONFIG --spark
 * MASTER} (gradient all-reduce or local SGD): its own context, started and checked before the run
 * folder is made (the master, then the recipe built on the executors), then the barrier stage;
 * closing it stops the context. Its methods take only Neurite and JDK types, so the launcher
 * compiles without Spark and needs it on the class path only with {@code --spark}.
 */
public final class BarrierRun implements AutoCloseable {

    private final JavaSparkContext spark;
    private final TrainingRecipe recipe;
    private final BarrierMode mode;
    private final int workers;
    private final String dataDescription;

    private BarrierRun(JavaSparkContext spark, TrainingRecipe recipe, BarrierMode mode, int workers,
                       String dataDescription) {
        this.spark = spark;
        this.recipe = recipe;
        this.mode = mode;
        this.workers = workers;
        this.dataDescription = dataDescription;
    }

    /**
     * Starts the context and builds the recipe on the executors once, so that a model, plugin or
     * data the executors cannot load fails now, in one line.
     *
     * @param master the master, such as {@code local[2]}; {@value SparkContexts#SUBMIT} for the one
     *     {@code spark-submit} set
     * @param name the application's name
     * @param recipe what every worker builds and trains
     * @param mode gradient all-reduce or local SGD
     * @param workers the barrier tasks, at least 1
     * @return the run, ready to train
     * @throws SparkTrainingException if Spark cannot start or the recipe does not build on the executors
     */
    public static BarrierRun start(String master, String name, TrainingRecipe recipe, BarrierMode mode, int workers) {
        JavaSparkContext spark = SparkContexts.start(master, name);
        try {
            String described = BarrierTraining.check(spark, recipe, workers);
            return new BarrierRun(spark, recipe, mode, workers, described);
        } catch (IllegalStateException e) {
            spark.stop();
            throw new SparkTrainingException("spark: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }

    /**
     * Trains: one barrier task per worker, until every worker ended.
     *
     * @return every worker's result; worker 0's carries the weights, epochs and checkpoints
     * @throws SparkTrainingException if the cluster lacks task slots, or the stage failed beyond Spark's retries
     */
    public BarrierTraining.Run train() {
        return train(null);
    }

    /**
     * Trains: one barrier task per worker, until every worker ended; worker 0 tells its epochs,
     * steps and checkpoint files to the driver as they come.
     *
     * @param reports what hears them, on a thread of the driver's; {@code null} for none
     * @return every worker's result; worker 0's carries the weights, epochs and checkpoints
     * @throws SparkTrainingException if the cluster lacks task slots, or the stage failed beyond Spark's retries
     */
    public BarrierTraining.Run train(BarrierReports reports) {
        try {
            return BarrierTraining.run(spark, recipe, mode, workers, reports);
        } catch (IllegalStateException e) {
            throw new SparkTrainingException("spark: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a failed stage comes as Spark's exception, with the executor's stack trace in its message
            throw new SparkTrainingException("spark: the barrier stage failed: " + firstLine(e), e);
        }
    }

    /**
     * Measures weights on the test data an executor reads, in a job of one task.
     *
     * @param weights the weights, as safetensors bytes
     * @return the recipe's measures ({@link TrainingRecipe#measureTest}), or {@code null} without test data
     * @throws SparkTrainingException if the task failed beyond Spark's retries
     */
    public String measureTest(byte[] weights) {
        spark.setJobDescription("neurite: measuring the model on the test data the executors read");
        try {
            return spark.parallelize(java.util.List.of(0), 1).map(new TestMeasure(recipe, weights)).collect().get(0);
        } catch (RuntimeException e) {
            throw new SparkTrainingException("spark: measuring the test data on an executor failed: " + firstLine(e), e);
        }
    }

    /**
     * @return the recipe's description of the data the executors read themselves, as an executor
     *     found it when the run started ({@link TrainingRecipe#describeData()}); {@code null} if none
     */
    public String dataDescription() {
        return dataDescription;
    }

    /**
     * Stops the context after a problem found once the run started, before it trained, and
     * gives the problem back to be thrown.
     *
     * @param problem the problem
     * @param <E> its type
     * @return the problem
     */
    public <E extends RuntimeException> E abandon(E problem) {
        spark.stop();
        return problem;
    }

    /** @return the mode and settings, for the run log */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "spark %s: %s, %d workers", spark.master(), mode, workers);
    }

    @Override
    public void close() {
        spark.stop();
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end);
    }
}
