package org.neurite.spark;

import java.util.Locale;

import org.apache.spark.SparkConf;
import org.neurite.spark.travel.TrainingParts;

/**
 * Whether an executor can hold what a job needs: the broadcast parts, one copy of the data for
 * its workers, and per task running at once a model with its gradients and the step's weights
 * (about four copies of the weights). Activations come on top, so this is a floor, checked before
 * training so that too small an executor is one line rather than a lost executor mid-run.
 */
final class ExecutorMemory {

    private static final long MIB = 1024 * 1024;

    private ExecutorMemory() {
    }

    /**
     * @param conf the Spark configuration
     * @param parts what the job sends
     * @param parallelism tasks running at once (for local masters, on the driver's JVM)
     * @throws SparkTrainingException if the executors' memory is below the floor
     */
    static void check(SparkConf conf, TrainingParts parts, int parallelism) {
        boolean local = conf.get("spark.master", "").startsWith("local");
        long available = local ? Runtime.getRuntime().maxMemory() : conf.getSizeAsBytes("spark.executor.memory", "1g");
        int tasks = local ? parallelism : conf.getInt("spark.executor.cores", 1);
        long perTask = 4L * parts.model().weights().length;
        long needed = 2 * parts.bytes() + tasks * perTask;
        if (needed > available) {
            throw new SparkTrainingException(String.format(Locale.ROOT, "spark: executors need at least %d MiB for"
                    + " the model and data (%d MiB sent, %d MiB per task x %d tasks) but have %d MiB (%s);"
                    + " raise it to %d MiB or more", mib(needed), mib(parts.bytes()), mib(perTask), tasks, mib(available),
                    local ? "the driver's -Xmx" : "spark.executor.memory", mib(needed) * 2));
        }
    }

    private static long mib(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }
}
