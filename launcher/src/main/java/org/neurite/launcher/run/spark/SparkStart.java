package org.neurite.launcher.run.spark;

import java.util.Map;

import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SparkConfig;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.RunParts;
import org.neurite.spark.BarrierRun;
import org.neurite.spark.SparkRun;
import org.neurite.spark.barrier.BarrierMode;

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
     * @param resuming whether the run continues from a checkpoint
     * @return the Spark side, started
     * @throws ConfigException if the mode cannot train this config or data
     * @throws org.neurite.spark.SparkTrainingException if Spark cannot start, or the executors cannot load the run
     */
    public static OnSpark start(SparkLaunch launch, RunConfig config, RunParts parts, Components components,
                                Map<String, ?> modelInfo, boolean resuming) {
        SparkConfig s = launch.settings();
        TrainingConfig t = config.training();
        if (t.augmentation() != null) {
            throw new ConfigException(config.document().locate("training.augment"), "augmenting images is not"
                    + " available with --spark yet: the executors would not draw the same images");
        }
        int samples = parts.data().train().size();
        if (s.partitions() > samples) {
            throw launch.problem("partitions", config, s.partitions() + " partitions but only " + samples
                    + " training samples; use at most " + samples);
        }
        if (s.mode().barrier()) {
            checkBarrier(launch, config, samples, resuming);
        }
        String name = "neurite " + config.name();
        try {
            if (!s.mode().barrier()) {
                return new OnSpark(SparkRun.start(new SparkRun.Settings(launch.master(), s.partitions(), s.microBatch(),
                        launch.pluginDirs()), name, parts.model(), lossOf(config), parts.data().train(), components),
                        null);
            }
            BarrierMode mode = s.mode() == SparkConfig.Mode.LOCAL_SGD ? BarrierMode.localSgd(s.k()) : BarrierMode.allReduce();
            ConfigRecipe recipe = ConfigRecipe.of(config, parts, modelInfo, launch);
            return new OnSpark(null, BarrierRun.start(launch.master(), name, recipe, mode, s.partitions()));
        } catch (NoClassDefFoundError e) {
            throw new ConfigException("--spark", "Spark is not on the class path: set SPARK_HOME to a Spark 4.x"
                    + " installation (bin/neurite adds its jars), or run the job jar with spark-submit");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--spark", e.getMessage());
        }
    }

    /**
     * The barrier modes train on the executors, so what must happen on every worker at once (stopping
     * early) or on the driver between steps is not available yet; and gradient all-reduce shares
     * every batch, so every batch needs a sample per worker.
     */
    private static void checkBarrier(SparkLaunch launch, RunConfig config, int samples, boolean resuming) {
        SparkConfig s = launch.settings();
        TrainingConfig t = config.training();
        String mode = "spark.mode " + s.mode().key();
        if (resuming) {
            throw new ConfigException("--resume", "resuming is not available with " + mode + " yet; resume on one"
                    + " machine (without --spark; the checkpoints are in the run-folder format) or with spark.mode sync");
        }
        if (t.earlyStopping() != null) {
            throw new ConfigException(config.document().locate("training.early_stopping"), "training.early_stopping:"
                    + " not available with " + mode + " yet (every worker would have to stop at once); use spark.mode"
                    + " sync, or train on one machine");
        }
        if (t.stopAtZeroErrors()) {
            throw new ConfigException(config.document().locate("training.stop_at_zero_errors"),
                    "training.stop_at_zero_errors: not available with " + mode + " yet (every worker would have to"
                            + " stop at once); use spark.mode sync, or train on one machine");
        }
        if (t.checkpoint().keepBest()) {
            throw new ConfigException(config.document().locate("training.checkpoint.keep_best"),
                    "training.checkpoint.keep_best: not available with " + mode + " yet; use spark.mode sync");
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

    /** The loss's name and options, from which executors create their own. */
    private static Map.Entry<String, Map<String, Object>> lossOf(RunConfig config) {
        return Map.entry(config.loss().name(), config.loss().options().asMap());
    }
}
