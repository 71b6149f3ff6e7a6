package org.neurite.spark.barrier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;

import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Trains on Spark with long-lived barrier tasks, one per worker, that talk to each other over a
 * TCP ring rather than through Spark jobs: per-step gradient all-reduce (about a millisecond per
 * step for the Fashion-MNIST MLP instead of a Spark job's 15-30 ms) or local SGD. The stage is
 * submitted only once the cluster offers a task slot per worker, since a barrier stage needs all
 * its tasks running at once. If a task fails (an executor lost), Spark retries the whole stage;
 * training is a function of the recipe's seed, so the retried run ends with the same weights.
 *
 * <pre>{@code
 * BarrierTraining.Run run = BarrierTraining.run(sc, recipe, BarrierMode.allReduce(), 4);
 * WeightsFile.load(run.weights(), "barrier run", model.parameters());
 * }</pre>
 */
public final class BarrierTraining {

    /** How long to wait for executors to register by default. */
    public static final Duration REGISTRATION = Duration.ofSeconds(120);
    /** How long peers wait for each other to connect by default. */
    public static final Duration CONNECT = Duration.ofSeconds(60);
    /** How long a peer may stay silent in a sum by default: longer than the slowest step. */
    public static final Duration SILENCE = Duration.ofMinutes(10);

    private BarrierTraining() {
    }

    /**
     * The outcome of a barrier run.
     *
     * @param workers every worker's result, by rank
     */
    public record Run(List<WorkerResult> workers) {

        /** @return the final weights, as safetensors bytes */
        public byte[] weights() {
            return workers.get(0).weights();
        }
    }

    /**
     * Trains with the default timeouts.
     *
     * @param spark the Spark context
     * @param recipe what to train
     * @param mode gradient all-reduce or local SGD
     * @param workers the number of barrier tasks
     * @return the run's weights and figures
     */
    public static Run run(JavaSparkContext spark, TrainingRecipe recipe, BarrierMode mode, int workers) {
        return run(spark, recipe, mode, workers, REGISTRATION, CONNECT, SILENCE);
    }

    /**
     * Trains.
     *
     * @param spark the Spark context
     * @param recipe what to train
     * @param mode gradient all-reduce or local SGD
     * @param workers the number of barrier tasks, at least 1
     * @param registration how long to wait for enough executors to register
     * @param connect how long ring peers wait for each other to connect
     * @param silence how long a ring peer may stay silent during a sum
     * @return the run's weights and figures
     * @throws IllegalStateException if the cluster does not offer a task slot per worker in time,
     *     or the workers ended with different weights
     */
    public static Run run(JavaSparkContext spark, TrainingRecipe recipe, BarrierMode mode, int workers,
            Duration registration, Duration connect, Duration silence) {
        return run(spark, recipe, mode, workers, registration, connect, silence, null);
    }

    /**
     * Trains with the default timeouts and tells the driver worker 0's epochs, steps and
     * checkpoint files while the workers train.
     *
     * @param spark the Spark context
     * @param recipe what to train
     * @param mode gradient all-reduce or local SGD
     * @param workers the number of barrier tasks
     * @param reports what hears worker 0's reports on the driver
     * @return the run's weights and figures
     */
    public static Run run(JavaSparkContext spark, TrainingRecipe recipe, BarrierMode mode, int workers,
                          BarrierReports reports) {
        return run(spark, recipe, mode, workers, REGISTRATION, CONNECT, SILENCE, reports);
    }

    /**
     * Trains.
     *
     * @param spark the Spark context
     * @param recipe what to train
     * @param mode gradient all-reduce or local SGD
     * @param workers the number of barrier tasks, at least 1
     * @param registration how long to wait for enough executors to register
     * @param connect how long ring peers wait for each other to connect
     * @param silence how long a ring peer may stay silent during a sum
     * @param reports what hears worker 0's epochs, steps and checkpoint files on the driver while
     *     the workers train (over a TCP connection from worker 0 to the driver's host,
     *     {@code spark.driver.host}); {@code null} for none
     * @return the run's weights and figures
     * @throws IllegalStateException if the cluster does not offer a task slot per worker in time,
     *     the workers ended with different weights, or worker 0's reports did not all arrive
     */
    public static Run run(JavaSparkContext spark, TrainingRecipe recipe, BarrierMode mode, int workers,
            Duration registration, Duration connect, Duration silence, BarrierReports reports) {
        if (workers < 1) {
            throw new IllegalArgumentException("barrier mode: needs at least 1 worker, got " + workers);
        }
        awaitSlots(spark.sc(), workers, registration);
        try (ReportChannel channel = reports == null ? null
                : ReportChannel.open(spark.getConf().get("spark.driver.host", "localhost"), reports)) {
            List<WorkerResult> results = stage(spark, new BarrierTask(recipe, mode, connect, silence,
                    channel == null ? null : channel.address()), mode, workers);
            if (channel != null) {
                channel.awaitDone(connect);
            }
            return new Run(List.copyOf(results));
        }
    }

    private static List<WorkerResult> stage(JavaSparkContext spark, BarrierTask task, BarrierMode mode, int workers) {
        JavaRDD<Integer> ranks = spark.parallelize(IntStream.range(0, workers).boxed().toList(), workers);
        ClassTag<WorkerResult> tag = ClassTag$.MODULE$.apply(WorkerResult.class);
        RDD<WorkerResult> trained = ranks.rdd().barrier().mapPartitions(task, false, tag);
        spark.setJobDescription("neurite: barrier training, " + workers + " workers, " + mode);
        // Spark retries a failed barrier stage only when it is a shuffle map stage (a failed barrier
        // result stage aborts the job), so the results pass through a shuffle to one partition
        List<WorkerResult> results = new ArrayList<>(JavaRDD.fromRDD(trained, tag).repartition(1).collect());
        results.sort(Comparator.comparingInt(WorkerResult::rank));
        for (WorkerResult r : results) {
            if (!r.digest().equals(results.get(0).digest())) {
                throw new IllegalStateException("barrier mode: worker " + r.rank() + " ended with other weights than"
                        + " worker 0 (SHA-256 " + r.digest() + " vs " + results.get(0).digest() + ")");
            }
        }
        return results;
    }

    /**
     * Builds the recipe on the executors in a plain job of one task per worker (its model, with
     * the plugins it needs, its loss, optimizer and data), so that what does not build there is one
     * line before the barrier stage starts, rather than a stage that fails and is retried.
     *
     * @param spark the Spark context
     * @param recipe what the workers will train
     * @param workers the number of workers, at least 1
     * @return the recipe's description of the data as the first task found it
     *     ({@link TrainingRecipe#describeData()}), or {@code null}
     * @throws IllegalStateException naming the executor and the first problem found there
     */
    public static String check(JavaSparkContext spark, TrainingRecipe recipe, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("barrier mode: needs at least 1 worker, got " + workers);
        }
        spark.setJobDescription("neurite: checking that the run builds on the executors");
        List<RecipeCheck.Answer> answers = spark.parallelize(IntStream.range(0, workers).boxed().toList(), workers)
                .map(new RecipeCheck(recipe)).collect();
        answers.stream().map(RecipeCheck.Answer::problem).filter(java.util.Objects::nonNull).findFirst().ifPresent(p -> {
            throw new IllegalStateException("barrier mode: " + p);
        });
        return answers.get(0).data();
    }

    /**
     * Waits until the cluster can run a task per worker at once: a barrier stage submitted
     * earlier fails its slot check (and is retried only a few times) while executors still register.
     */
    static void awaitSlots(SparkContext spark, int workers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int slots = spark.maxNumConcurrentTasks(spark.resourceProfileManager().defaultResourceProfile());
            if (slots >= workers) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("barrier mode: " + workers + " workers need " + workers
                        + " task slots at once, but the cluster (" + spark.master() + ") offers " + slots + " after "
                        + timeout.toMillis() / 1000.0 + " s; start more executors or cores, or use fewer workers");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("barrier mode: interrupted while waiting for executors", e);
            }
        }
    }
}
