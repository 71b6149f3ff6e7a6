package org.neurite.launcher.run.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.neurite.engine.io.Json;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SparkConfig;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.RunParts;
import org.neurite.launcher.run.data.RunData;
import org.neurite.spark.BarrierRun;
import org.neurite.spark.SparkRun;
import org.neurite.spark.barrier.BarrierMode;
import org.neurite.spark.barrier.ResumePoint;

/**
 * Starts a run's Spark side after everything else is checked and before the run folder exists,
 * so that what Spark refuses (a master that cannot be reached, a model, plugin or data path the
 * executors cannot load) leaves nothing behind; and refuses first, as config errors, what a mode
 * cannot do with this config and data.
 */
public final class SparkStart {

    private SparkStart() {
    }

    /**
     * @param launch the master and the Spark settings in force
     * @param config the checked config
     * @param parts the run's model and data, loaded
     * @param components the components the model was built with
     * @param modelInfo the model file's entries beyond the format's own (the plugins that built it)
     * @param resumed the checkpoint the run continues from, or {@code null} for a run from the start
     * @return the Spark side, started
     * @throws ConfigException if the mode cannot train this config or data
     * @throws org.neurite.spark.SparkTrainingException if Spark cannot start, or the executors cannot load the run
     */
    public static OnSpark start(SparkLaunch launch, RunConfig config, RunParts parts, Components components,
                                Map<String, ?> modelInfo, Resumed resumed) {
        SparkConfig s = launch.settings();
        TrainingConfig t = config.training();
        if (t.augmentation() != null) {
            throw new ConfigException(config.document().locate("training.augment"), "augmenting images is not"
                    + " available with --spark yet: the executors would not draw the same images");
        }
        boolean executorsRead = executorsRead(launch, config);
        if (executorsRead && t.stopAtZeroErrors()) {
            throw new ConfigException(config.document().locate("training.stop_at_zero_errors"),
                    "training.stop_at_zero_errors: the driver counts the errors on the training data, which it does not"
                            + " read with spark.data executors; use spark.data driver");
        }
        if (!executorsRead) {
            checkSamples(launch, config, parts.data().trainSize());
        }
        String name = "neurite " + config.name();
        try {
            if (!s.mode().barrier()) {
                return new OnSpark(SparkRun.start(new SparkRun.Settings(launch.master(), s.partitions(), s.microBatch(),
                        launch.pluginDirs()), name, parts.model(), lossOf(config), parts.data().train(), components),
                        null, null);
            }
            BarrierMode mode = s.mode() == SparkConfig.Mode.LOCAL_SGD ? BarrierMode.localSgd(s.k()) : BarrierMode.allReduce();
            ConfigRecipe recipe = ConfigRecipe.of(config, parts, modelInfo, launch,
                    resumed == null ? null : resumed.point());
            BarrierRun run = BarrierRun.start(launch.master(), name, recipe, mode, s.partitions());
            if (!executorsRead) {
                return new OnSpark(null, run, null);
            }
            try {
                RunData data = described(run.dataDescription());
                checkSamples(launch, config, data.trainSize());
                return new OnSpark(null, run, data);
            } catch (RuntimeException e) {
                throw run.abandon(e);
            }
        } catch (NoClassDefFoundError e) {
            throw new ConfigException("--spark", "Spark is not on the class path: set SPARK_HOME to a Spark 4.x"
                    + " installation (bin/neurite adds its jars), or run the job jar with spark-submit");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--spark", e.getMessage());
        }
    }

    /**
     * @param launch the master and the Spark settings in force, or {@code null} without Spark
     * @param config the checked config
     * @return whether the executors read the training and validation data themselves (a barrier
     *     mode with {@code spark.data: executors}), so that the driver does not read them
     */
    public static boolean executorsRead(SparkLaunch launch, RunConfig config) {
        return launch != null && config.training().epochs() > 0 && launch.settings().mode().barrier()
                && launch.settings().data() == SparkConfig.DataFrom.EXECUTORS;
    }

    /**
     * The data as the executors described it ({@code ConfigRecipe#describeData}): sizes and info;
     * the executors measure the model on the test data after training ({@link OnSpark#measureTest}).
     */
    private static RunData described(String description) {
        Map<?, ?> d = (Map<?, ?>) Json.read(description, "the executors' description of the data");
        @SuppressWarnings("unchecked")
        Map<String, Object> info = new LinkedHashMap<>((Map<String, Object>) d.get("info"));
        return RunData.readByExecutors(((Number) d.get("train")).intValue(), ((Number) d.get("validation")).intValue(),
                ((Number) d.get("test")).intValue(), info);
    }

    /**
     * No more partitions than samples; and gradient all-reduce shares every batch, so every batch
     * needs a sample per worker.
     */
    private static void checkSamples(SparkLaunch launch, RunConfig config, int samples) {
        SparkConfig s = launch.settings();
        TrainingConfig t = config.training();
        if (s.partitions() > samples) {
            throw launch.problem("partitions", config, s.partitions() + " partitions but only " + samples
                    + " training samples; use at most " + samples);
        }
        if (s.mode() == SparkConfig.Mode.ALL_REDUCE) {
            int batch = t.batchSize() == 0 || t.batchSize() >= samples ? samples : t.batchSize();
            int smallest = samples % batch == 0 ? batch : samples % batch;
            if (smallest < s.partitions()) {
                throw launch.problem("partitions", config, "all_reduce shares every batch between the " + s.partitions()
                        + " workers, but " + (smallest == batch ? "a batch" : "the epoch's last batch") + " has only "
                        + smallest + " samples (" + samples + " samples in batches of " + batch + "); use at most "
                        + smallest + " partitions or another batch size");
            }
        }
    }

    /**
     * Where a resumed run continues from.
     *
     * @param checkpoints the run folder's checkpoints folder
     * @param epoch the epoch of the checkpoint it continues from
     */
    public record Resumed(Path checkpoints, int epoch) {

        /**
         * @return the checkpoint with every file of the folder, as the barrier workers start from it:
         *     the files of other epochs as empty stand-ins (the workers need only their names, to keep
         *     the latest and the best), so that the task does not carry every checkpoint of the run
         * @throws UncheckedIOException if a file cannot be read
         */
        ResumePoint point() {
            String resumed = String.format(java.util.Locale.ROOT, "epoch-%03d.", epoch);
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (Stream<Path> all = Files.walk(checkpoints)) {
                // a hidden file is a write that never ended (AtomicFiles), removed when the run resumes
                for (Path file : all.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
                        .sorted().toList()) {
                    files.put(checkpoints.relativize(file).toString().replace(java.io.File.separatorChar, '/'),
                            file.getFileName().toString().startsWith(resumed) ? Files.readAllBytes(file) : new byte[0]);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the checkpoints in " + checkpoints + ": " + e.getMessage(), e);
            }
            return new ResumePoint(epoch, files);
        }
    }

    /** The loss's name and options, from which executors create their own. */
    private static Map.Entry<String, Map<String, Object>> lossOf(RunConfig config) {
        return Map.entry(config.loss().name(), config.loss().options().asMap());
    }
}
