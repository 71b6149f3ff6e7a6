package org.neurite.spark.barrier;

import java.util.List;
import java.util.Locale;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.Trainer;
import org.neurite.spark.ring.LoopbackRing;

/**
 * Measures the per-step overhead of the barrier modes for the Fashion-MNIST MLP's shape
 * (784-256-128-10, 235,146 parameters, Adam, batch 128, random data): the ring's sum alone between
 * two threads, then training on Spark with gradient all-reduce and with local SGD (K = 8), each
 * worker's time in the ring per step against the whole step, and one machine's step.
 * {@code bench/spark-barrier.sh} runs it; arguments: master (default {@code local[2]}), workers
 * (default 2), steps (default 48).
 */
public final class BarrierOverhead {

    private BarrierOverhead() {
    }

    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        int batch = 128;
        MlpRecipe mlp = new MlpRecipe(784, List.of(256, 128), 10, steps * batch, 1, batch, 0, null);

        float[] gradients = new float[235_146];
        int sums = 200;
        List<Long> nanos = LoopbackRing.run(workers, 1, ring -> {
            for (int i = 0; i < 20; i++) {
                ring.sum(gradients.clone());
            }
            long start = System.nanoTime();
            for (int i = 0; i < sums; i++) {
                ring.sum(gradients.clone());
            }
            return System.nanoTime() - start;
        });
        print("ring sum of 235,146 floats, " + workers + " threads over loopback", nanos.get(0) / 1e6 / sums, "per sum");

        double alone = oneMachine(mlp);
        print("one machine, batch " + batch, alone, "per step");
        // the local SGD workers each take `batch` samples per step from their own share
        MlpRecipe shares = new MlpRecipe(784, List.of(256, 128), 10, steps * batch * workers, 1, batch, 0, null);
        SparkConf conf = new SparkConf().setMaster(master).setAppName("barrier-overhead")
                .set("spark.ui.enabled", "false");
        if (master.startsWith("local-cluster")) {
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            // a first run warms up the executors' code
            BarrierTraining.run(spark, mlp, BarrierMode.allReduce(), workers);
            report("gradient all-reduce", BarrierTraining.run(spark, mlp, BarrierMode.allReduce(), workers), master);
            report("local SGD, K = 8", BarrierTraining.run(spark, shares, BarrierMode.localSgd(8), workers), master);
        }
    }

    private static double oneMachine(MlpRecipe recipe) {
        Model model = recipe.model();
        Trainer warm = recipe.configure(Trainer.builder(model, recipe.loss(), recipe.optimizer(model))).seed(0).build();
        warm.fit(recipe.trainingData());
        Model fresh = recipe.model();
        Trainer trainer = recipe.configure(Trainer.builder(fresh, recipe.loss(), recipe.optimizer(fresh))).seed(0).build();
        long start = System.nanoTime();
        trainer.fit(recipe.trainingData());
        return (System.nanoTime() - start) / 1e6 / trainer.steps();
    }

    private static void report(String mode, BarrierTraining.Run run, String master) {
        for (WorkerResult w : run.workers()) {
            print(mode + " in " + master + ", worker " + w.rank() + ": ring", w.ringMillisPerStep(), "per step");
            print(mode + " in " + master + ", worker " + w.rank() + ": whole step", w.millisPerStep(), "per step");
        }
    }

    private static void print(String what, double millis, String per) {
        System.out.println(String.format(Locale.ROOT, "%-70s %8.2f ms %s", what, millis, per));
    }
}
