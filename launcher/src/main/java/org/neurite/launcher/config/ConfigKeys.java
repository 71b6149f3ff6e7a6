package org.neurite.launcher.config;

import java.util.List;

import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;

/**
 * The documented keys of every section of a run config that is not a component's: the checker
 * ({@link RunConfigCheck}) checks configs against them, {@link ConfigReference} writes the
 * reference from them and {@link ConfigDefaults} fills in their defaults, so the three agree.
 */
public final class ConfigKeys {

    /** The keys of the top level. */
    public static final List<OptionSpec> ROOT = List.of(
            OptionSpec.optional("name", OptionType.STRING, null,
                    "The run's name: its folder is runs/<name>-<timestamp>; default: the config file's name."),
            OptionSpec.optional("seed", OptionType.INTEGER, 0,
                    "Seed of every random draw: initial weights, shuffling, splits and synthetic data."),
            OptionSpec.required("data", OptionType.MAP, "The data: train, and optionally validation and test."),
            OptionSpec.required("model", OptionType.MAP, "The model: input (per-sample shape) and layers, or a graph: inputs, layers (each with a name and inputs), outputs."),
            OptionSpec.required("loss", OptionType.STRING,
                    "The loss: a name such as cross_entropy, or a map {name: ..., options...}."),
            OptionSpec.optional("optimizer", OptionType.STRING, null,
                    "The optimizer: a name such as adam, or {name: adam, lr: 0.001, schedule: {type: cosine, ...},"
                            + " clip: {type: norm, max_norm: 1.0}} (clip_norm: 1.0 is short for that clip);"
                            + " required unless training.epochs is 0."),
            OptionSpec.optional("training", OptionType.MAP, null,
                    "Epochs, batch size, early stopping, checkpoints, stop_at_zero_errors."),
            OptionSpec.optional("spark", OptionType.MAP, null,
                    "How neurite train --spark MASTER trains: mode, k, partitions, micro_batch, data; read only with"
                            + " --spark (whose flags override it)."));

    /** The keys of {@code data}. */
    public static final List<OptionSpec> DATA = List.of(
            OptionSpec.required("train", OptionType.MAP, "The training data source."),
            OptionSpec.optional("validation", OptionType.MAP, null,
                    "The validation data: a source, or {split: 0.1} to hold out a share of the training data."),
            OptionSpec.optional("test", OptionType.MAP, null,
                    "The test data source, measured once after training."),
            OptionSpec.optional(DataOptions.CLASSES, OptionType.STRINGS, null,
                    "The class names in index order, such as [T-shirt/top, Trouser]; saved with the model for"
                            + " predict and evaluate. Default: a CSV's string labels or an image folder's subfolders."),
            OptionSpec.optional(DataOptions.NORMALIZE, OptionType.STRING, "none",
                    "Normalise inputs by the mean and standard deviation of the training data, saved with the"
                            + " model: none, global, per_channel (the first axis of [C, H, W]) or per_feature.")
                    .oneOf(DataOptions.NORMALIZATIONS.toArray(String[]::new)));

    /** The key every data source has. */
    public static final OptionSpec FORMAT = OptionSpec.required("format", OptionType.STRING,
            "The data format, such as idx, csv, synthetic, text, sequences, windows, or one a plugin adds.");

    /** The keys of a validation share held out of the training data. */
    public static final List<OptionSpec> SPLIT = List.of(
            OptionSpec.required("split", OptionType.NUMBER, "The share of the training data held out, in (0, 1)."),
            OptionSpec.optional("seed", OptionType.INTEGER, null, "Seed of the random choice; default the run's seed."));

    /** The keys every optimizer section takes besides its optimizer's own options. */
    public static final List<OptionSpec> OPTIMIZER_COMMON = List.of(
            OptionSpec.required("name", OptionType.STRING, "The optimizer, such as adam or sgd."),
            OptionSpec.optional("schedule", OptionType.MAP, null,
                    "The learning rate schedule: {type: NAME, options...}; default a constant rate."),
            OptionSpec.optional("clip", OptionType.MAP, null,
                    "Gradient clipping before each update: {type: NAME, options...}; default none."),
            OptionSpec.optional("clip_norm", OptionType.NUMBER, 0.0,
                    "Short for clip: {type: norm, max_norm: x}; 0 for no clipping."));

    /** The keys of {@code training}. */
    public static final List<OptionSpec> TRAINING = List.of(
            OptionSpec.optional("epochs", OptionType.INTEGER, 10,
                    "Passes over the training data; 0 trains nothing and only measures the model as built."),
            OptionSpec.optional("batch_size", OptionType.INTEGER, 32, "Samples per update; 0 for full batches."),
            OptionSpec.optional("shuffle", OptionType.BOOLEAN, true,
                    "Shuffle the samples every epoch (full batches are never shuffled); false serves them in the"
                            + " data's order, as stateful recurrent layers need."),
            OptionSpec.optional("divergence_factor", OptionType.NUMBER, 100.0,
                    "Stop as diverged when the loss's moving average rises above this many times its lowest (and"
                            + " above the first loss); 0 turns the check off."),
            OptionSpec.optional("early_stopping", OptionType.MAP, null,
                    "Stop when validation stops improving: {monitor: val_loss, patience: 3, min_delta: 0.0}."),
            OptionSpec.optional("checkpoint_every", OptionType.INTEGER, 1,
                    "Save a checkpoint after every this many epochs (and after the last); 0 for none."),
            OptionSpec.optional("checkpoint", OptionType.MAP, null,
                    "Which checkpoints stay: {keep_last: 3, keep_best: true, monitor: val_loss}."),
            OptionSpec.optional("stop_at_zero_errors", OptionType.BOOLEAN, false,
                    "End as soon as an epoch misclassifies no training sample; say so if the epoch limit comes first."),
            OptionSpec.optional("augment", OptionType.MAP, null,
                    "Random changes of the training images, made on the fly, never at evaluation:"
                            + " {random_crop: {padding: 2}, horizontal_flip: {probability: 0.5},"
                            + " random_erasing: {probability: 0.5}}."));

    /** The keys of {@code training.early_stopping}. */
    public static final List<OptionSpec> EARLY_STOPPING = List.of(
            OptionSpec.optional("monitor", OptionType.STRING, "val_loss", "val_loss or val_accuracy."),
            OptionSpec.optional("patience", OptionType.INTEGER, 3, "Epochs without improvement tolerated, at least 1."),
            OptionSpec.optional("min_delta", OptionType.NUMBER, 0.0, "The smallest change that counts, >= 0."),
            OptionSpec.optional("restore_best", OptionType.BOOLEAN, true,
                    "Save the best epoch's weights as the model (true), or the last epoch's (false)."));

    /** The keys of {@code training.checkpoint}. */
    public static final List<OptionSpec> CHECKPOINT = List.of(
            OptionSpec.optional("keep_last", OptionType.INTEGER, 0,
                    "Keep only this many of the latest checkpoints (besides the best); 0 keeps all."),
            OptionSpec.optional("keep_best", OptionType.BOOLEAN, false,
                    "Also save the best epoch so far by the monitored measure, and keep it."),
            OptionSpec.optional("monitor", OptionType.STRING, null,
                    "val_loss or val_accuracy; default the early stopping's monitor, else val_loss."));

    /** The keys of {@code spark}, read by {@code neurite train CONFIG --spark MASTER}. */
    public static final List<OptionSpec> SPARK = List.of(
            OptionSpec.optional("mode", OptionType.STRING, "sync",
                    "sync: a Spark job per step sums the micro-batches' gradients in order (one machine's weights"
                            + " bit for bit); all_reduce: long-lived barrier tasks sum every step's gradients over a"
                            + " TCP ring (one machine's mathematics, about 1-3 ms a step); local_sgd: each barrier task"
                            + " trains on its own share of the data and the ring averages the parameters every k"
                            + " steps. Flag: --spark-mode.")
                    .oneOf(SparkConfig.MODES.toArray(String[]::new)),
            OptionSpec.optional("k", OptionType.INTEGER, SparkConfig.DEFAULT_K,
                    "local_sgd: optimizer steps between two averagings of the parameters (and once at the end)."
                            + " Flag: --spark-k.").atLeast(1),
            OptionSpec.optional("partitions", OptionType.INTEGER, SparkConfig.DEFAULT_PARTITIONS,
                    "sync: the tasks that share each step's micro-batches; all_reduce and local_sgd: the barrier"
                            + " tasks (workers), each needing a task slot at once. At most the training samples."
                            + " Flag: --spark-partitions.").atLeast(1),
            OptionSpec.optional("micro_batch", OptionType.INTEGER, SparkConfig.DEFAULT_MICRO_BATCH,
                    "sync: samples per micro-batch; the same size gives the same weights on one machine"
                            + " (--micro-batch without --spark). Flag: --micro-batch.").atLeast(1),
            OptionSpec.optional("data", OptionType.STRING, "driver",
                    "Where the executors get the training and validation data: driver (read here, sent as"
                            + " bytes) or executors (all_reduce and local_sgd: each executor reads the data section's"
                            + " files itself, so the paths must be readable there, such as on a shared file system;"
                            + " the driver reads none of them, nor the test data: the executors tell it the sizes,"
                            + " the class names and the normalisation, and measure the model on the test data). Flag:"
                            + " --spark-data.")
                    .oneOf(SparkConfig.DATA_FROM.toArray(String[]::new)));

    private ConfigKeys() {
    }
}
