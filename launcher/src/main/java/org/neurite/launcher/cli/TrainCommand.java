package org.neurite.launcher.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigDefaults;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.ConfigYaml;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.run.Failures;
import org.neurite.launcher.run.RunFolder;
import org.neurite.launcher.run.TrainingRun;
import org.neurite.launcher.run.progress.Progress;
import org.neurite.launcher.inject.LaunchSettings;
import org.neurite.launcher.run.spark.SparkLaunch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurite train}: trains the model a run config describes, in a new run folder or resuming one. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the model a run config (YAML or JSON) describes.",
                "Writes runs/<name>-<timestamp>/: config.yaml (as run), metrics.csv, model.json + model.safetensors,"
                        + " checkpoints/, learning-curves.png, train.log and data-info.json (class names and"
                        + " pre-processing).",
                "The whole config is checked before anything runs; exit code 2 lists every problem."})
public final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "The run config, YAML or JSON.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides a config value, such as training.epochs=5 or model.layers[1].units=64 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "The folder of run folders (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continues the run in RUN_DIR from its latest checkpoint, with its saved config.")
    Path resume;

    @Option(names = "--print-config",
            description = "Checks the config and prints it as it would run (overrides applied, data paths absolute,"
                    + " every default filled in), without training.")
    boolean printConfig;

    @Option(names = {"-q", "--quiet"}, description = "Print only the results (the test measures and the run folder).")
    boolean quiet;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, or json: one JSON object per line for every epoch, every --log-every steps"
                    + " and each result (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Trains data-parallel on Apache Spark, such as local[2] or spark://host:7077, as the config's"
                    + " spark section says (default: the synchronous mode, the same weights as one machine with the"
                    + " same micro-batches); needs Spark on the class path (SPARK_HOME).")
    String sparkMaster;

    @Option(names = "--spark-mode", paramLabel = "MODE",
            description = "With --spark: sync, all_reduce or local_sgd (overrides spark.mode).")
    String sparkMode;

    @Option(names = "--spark-k", paramLabel = "K",
            description = "With --spark and local_sgd: steps between two averagings of the parameters (overrides spark.k).")
    Integer sparkK;

    @Option(names = "--spark-partitions", paramLabel = "N",
            description = "With --spark: the tasks that share each step's micro-batches (sync), or the barrier tasks"
                    + " (all_reduce, local_sgd); overrides spark.partitions (default 2).")
    Integer sparkPartitions;

    @Option(names = "--spark-data", paramLabel = "FROM",
            description = "With --spark: driver (the data travels from here) or executors (each reads the config's data"
                    + " paths itself; all_reduce and local_sgd); overrides spark.data.")
    String sparkData;

    @Option(names = "--micro-batch", paramLabel = "N",
            description = "Samples per micro-batch: each step sums their gradients in order, here or with --spark"
                    + " (overrides spark.micro_batch, default 32); the same size gives the same weights on one machine"
                    + " and on Spark.")
    Integer microBatch;

    @Inject
    LaunchSettings settings;

    @Option(names = "--log-every", paramLabel = "STEPS", defaultValue = TrainingRun.JSON_EVERY_STEPS_TEXT,
            description = "With --log-format json: report the loss every STEPS training steps; 0 for epochs only"
                    + " (default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Spec
    CommandSpec spec;

    private final Provider<Components> components;

    /** Creates the command with the engine's built-in components, for use without plugins. */
    public TrainCommand() {
        this(Components::builtIns);
    }

    /**
     * @param components every layer type, activation, loss, optimizer and initializer available; asked for only
     *     when the command runs, so that plugins load after the command line is read
     */
    @Inject
    public TrainCommand(Provider<Components> components) {
        this.components = components;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            RunFolder folder = resume == null ? null : RunFolder.of(resume);
            RunConfig checked = load(folder);
            if (printConfig) {
                stdout.print(ConfigYaml.text(ConfigDefaults.resolved(checked, components.get())));
                stdout.flush();
                return ExitCodes.OK;
            }
            if (folder == null) {
                checkOut();
            }
            Progress progress = progress();
            SparkLaunch onSpark = spark(checked);
            TrainingRun run = new TrainingRun(components.get(), stdout, progress).spark(onSpark)
                    .microBatches(microBatch == null || onSpark != null ? 0 : microBatch).jsonEverySteps(logEvery);
            if (folder != null) {
                run.resume(folder, checked);
            } else {
                run.start(checked, out);
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            return Failures.report(e, "train", spec.commandLine().getErr());
        }
    }

    /** The Spark settings under --spark (the config's spark section, the flags over it), else {@code null}. */
    private SparkLaunch spark(RunConfig config) {
        if (microBatch != null && microBatch < 1) {
            throw new ConfigException("--micro-batch", "expected at least 1, got " + microBatch);
        }
        if (sparkMaster == null) {
            for (String flag : List.of("--spark-mode", "--spark-k", "--spark-partitions", "--spark-data")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                    throw new ConfigException(flag, "sets how --spark MASTER trains; add --spark");
                }
            }
            return null;
        }
        List<Path> plugins = settings == null ? List.of() : settings.pluginFolders().roots();
        return SparkFlags.apply(config, sparkMaster, sparkMode, sparkK, sparkPartitions, microBatch, sparkData, plugins);
    }

    /** What is printed: JSON lines if asked, results only under --quiet, else a bar on a terminal or lines. */
    private Progress progress() {
        boolean json = switch (logFormat.toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new ConfigException("--log-format", "expected text or json, got \"" + logFormat + "\"");
        };
        if (!json && spec.commandLine().getParseResult().hasMatchedOption("--log-every")) {
            throw new ConfigException("--log-every", "sets how often --log-format json reports a step; add"
                    + " --log-format json");
        }
        if (logEvery < 0) {
            throw new ConfigException("--log-every", "expected 0 (epochs only) or a positive number of steps, got "
                    + logEvery);
        }
        return json ? Progress.JSON : quiet ? Progress.QUIET : System.console() != null ? Progress.BAR : Progress.LINES;
    }

    /**
     * A {@code --out} that cannot hold run folders (it, or the folder it would be made in, is a file) is a
     * usage error now, not a failure after the data has loaded and the kernels have warmed up.
     */
    private void checkOut() {
        for (Path p = out.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new ConfigException("--out", "not a folder: " + p);
                }
                return;
            }
        }
    }

    /** The config given, or the one saved in the run folder to resume; overrides applied, checked. */
    private RunConfig load(RunFolder folder) throws IOException {
        if (folder == null) {
            if (config == null) {
                throw new ConfigException("", "neurite train: give a run config (CONFIG) or --resume RUN_DIR");
            }
            return RunConfig.load(config, overrides, components.get());
        }
        if (config != null) {
            throw new ConfigException(config.toString(), "give either CONFIG or --resume RUN_DIR, which uses"
                    + " the config saved in the run folder");
        }
        if (!Files.isRegularFile(folder.config())) {
            throw new ConfigException(resume.toString(), "not a run folder: " + folder.config() + " is missing");
        }
        return RunConfig.load(folder.config(), overrides, components.get());
    }
}
