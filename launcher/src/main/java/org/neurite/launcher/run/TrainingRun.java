package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Loss;
import org.neurite.api.OptionException;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.ScheduleContext;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.io.AtomicFiles;
import org.neurite.engine.io.Json;
import org.neurite.engine.io.ModelFile;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.CheckpointWriter;
import org.neurite.engine.train.EarlyStopping;
import org.neurite.engine.train.KernelWarmup;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.Monitor;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingDivergedException;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.engine.train.TrainingState;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.ConfigYaml;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.data.DataFit;
import org.neurite.launcher.run.data.RunData;
import org.neurite.launcher.run.progress.Progress;
import org.neurite.spark.SparkRun;
import org.neurite.spark.SparkTrainingException;
import org.neurite.spark.sync.LocalMicroBatches;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A training run from a checked config to a run folder: builds the model, loads the data (so
 * data that does not fit the model is a config error, found before the folder exists), trains
 * with progress, metrics, checkpoints, curves and a log, saves the final model and measures it
 * on the test data. {@link #resume} continues a run folder from its latest checkpoint.
 */
public final class TrainingRun {

    /**
     * How a run ended.
     *
     * @param folder the run folder
     * @param history every epoch's result
     * @param test the measures on the test data, or {@code null} without test data
     */
    public record Outcome(RunFolder folder, TrainingHistory history, Evaluation test) {
    }

    /** How often {@code --log-format json} reports a step unless told otherwise ({@code --log-every}). */
    public static final int JSON_EVERY_STEPS = 100;
    /** The same, for option defaults and descriptions. */
    public static final String JSON_EVERY_STEPS_TEXT = "100";

    private final Components components;
    private final PrintWriter out;
    private final Progress progress;
    private SparkRun.Settings spark;
    private int microBatch;
    private int jsonEverySteps = JSON_EVERY_STEPS;

    /**
     * @param components where the config's components are looked up
     * @param out where progress and results are printed
     * @param terminal whether {@code out} is a terminal (a progress bar) or not (a line per epoch)
     */
    public TrainingRun(Components components, PrintWriter out, boolean terminal) {
        this(components, out, terminal ? Progress.BAR : Progress.LINES);
    }

    /**
     * @param components where the config's components are looked up
     * @param out where progress and results are printed
     * @param progress what is printed while training and at the end
     */
    public TrainingRun(Components components, PrintWriter out, Progress progress) {
        this.components = components;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Trains on Spark: every step's gradients are computed by the executors (the synchronous
     * mode), everything else runs here as on one machine, into the same run folder.
     *
     * @param settings the master, partitions, micro-batch size and plugin folders; {@code null} trains here
     * @return this run
     */
    public TrainingRun spark(SparkRun.Settings settings) {
        this.spark = settings;
        return this;
    }

    /**
     * Trains here with the Spark synchronous mode's mathematics: every step sums the gradients of
     * fixed-size micro-batches in order, so a run with {@code --spark} and the same size gives the
     * same weights, bit for bit.
     *
     * @param size samples per micro-batch; 0 (the default) computes each step's batch whole
     * @return this run
     */
    public TrainingRun microBatches(int size) {
        this.microBatch = size;
        return this;
    }

    /**
     * @param steps how often {@link Progress#JSON} reports a step's loss; 0 for epochs only
     * @return this run
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public TrainingRun jsonEverySteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps between reports must be 0 or more, got " + steps);
        }
        this.jsonEverySteps = steps;
        return this;
    }

    /**
     * Trains from the start in a new run folder.
     *
     * @param config the checked config
     * @param runs the folder of run folders, such as {@code runs}
     * @return how the run ended
     * @throws IOException if a file cannot be read or written
     * @throws ConfigException if the data does not fit the model or the schedule does not fit the run
     * @throws TrainingDivergedException if the loss became NaN or infinite
     */
    public Outcome start(RunConfig config, Path runs) throws IOException {
        Parts parts = prepare(config);
        try {
            RunFolder folder = RunFolder.create(runs, config.name(), LocalDateTime.now());
            writeConfig(folder, config);
            return train(config, parts, folder, TrainingState.start());
        } finally {
            stopSpark(parts);
        }
    }

    private static void stopSpark(Parts parts) {
        if (parts.spark != null) {
            parts.spark.close();
        }
    }

    /**
     * Continues a run from its latest checkpoint, in its own folder, as if it had never stopped.
     * A run whose epochs all ran but whose end was not written (killed between its last
     * checkpoint and its model file) is finished: the model is saved and measured.
     *
     * @param folder the run folder
     * @param config its config (as saved there, with any overrides applied)
     * @return how the run ended
     * @throws IOException if a file cannot be read or written
     * @throws ConfigException if there is nothing to resume: no checkpoint, or the run has ended
     */
    public Outcome resume(RunFolder folder, RunConfig config) throws IOException {
        Parts parts = prepare(config);
        try {
            return resume(folder, config, parts);
        } finally {
            stopSpark(parts);
        }
    }

    private Outcome resume(RunFolder folder, RunConfig config, Parts parts) throws IOException {
        folder.removeLeftovers();
        CheckpointWriter.Checkpoint saved = CheckpointWriter.latest(folder.checkpoints()).orElseThrow(
                () -> new ConfigException(folder.toString(), "no complete checkpoint to resume from in "
                        + folder.checkpoints()));
        int done = saved.state().epoch();
        boolean ended = saved.state().stopped() || done >= config.training().epochs();
        if (ended && Files.isRegularFile(folder.model())) {
            throw new ConfigException(folder.toString(), saved.state().stopped()
                    ? "the run stopped early after epoch " + done + " (early stopping or zero errors); there is"
                            + " nothing to resume"
                    : "the run has finished its " + config.training().epochs() + " epochs; to train on, raise them,"
                            + " such as --set training.epochs=" + (done + 10));
        }
        TrainingState from = saved.restore(parts.model.parameters(), parts.optimizer);
        writeConfig(folder, config);
        return train(config, parts, folder, from);
    }

    /** What a run trains, built and loaded before anything is written. */
    private record Parts(Model model, Loss loss, Optimizer optimizer, RunData data, LearningRateSchedule schedule,
                         SparkRun spark) {
    }

    private Parts prepare(RunConfig config) throws IOException {
        Model model = config.buildModel(components);
        Loss loss = config.createLoss(components);
        Optimizer optimizer = config.createOptimizer(components);
        checkAugmentedInputs(config, model);
        TrainingConfig t = config.training();
        // the kernels warm up on the model's shapes while the data loads, so the first epoch runs at full speed
        // (whole steps: the run's loss, and a scratch optimizer of its kind over scratch parameters)
        KernelWarmup warmup = t.epochs() > 0 ? KernelWarmup.start(model, t.batchSize() > 0 ? t.batchSize() : 128,
                loss, config.createOptimizer(components)) : null;
        RunData data = RunData.load(config, model);
        if (warmup != null) {
            warmup.finish();
        }
        LearningRateSchedule schedule = schedule(config, optimizer, data.train().size());
        return new Parts(model, loss, optimizer, data, schedule, startSpark(config, model, data));
    }

    /**
     * Starts Spark for a run with {@code --spark}, after everything else is checked and before the
     * run folder exists: a master that cannot be reached, or a model that does not load on the
     * executors, leaves nothing behind.
     */
    private SparkRun startSpark(RunConfig config, Model model, RunData data) {
        if (spark == null || config.training().epochs() == 0) {
            return null;
        }
        if (config.training().augmentation() != null) {
            throw new ConfigException(config.document().locate("training.augment"), "augmenting images is not"
                    + " available with --spark yet: the executors would not draw the same images");
        }
        if (spark.partitions() > data.train().size()) {
            throw new ConfigException("--spark-partitions", spark.partitions() + " partitions but only "
                    + data.train().size() + " training samples; use at most " + data.train().size());
        }
        try {
            return SparkRun.start(spark, "neurite " + config.name(), model, lossName(config), data.train(), components);
        } catch (NoClassDefFoundError e) {
            throw new ConfigException("--spark", "Spark is not on the class path: set SPARK_HOME to a Spark 4.x"
                    + " installation (bin/neurite adds its jars), or run the job jar with spark-submit");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--spark", e.getMessage());
        }
    }

    /** Augmentation changes images: every input of the model must be {@code [channels, height, width]}. */
    private static void checkAugmentedInputs(RunConfig config, Model model) {
        if (config.training() == null || config.training().augmentation() == null) {
            return;
        }
        model.inputShapes().forEach((name, shape) -> {
            if (!ImageAugmentation.isImage(shape)) {
                throw new ConfigException(config.document().locate("training.augment"), "augments images [channels,"
                        + " height, width], but the model's input" + (model.inputShapes().size() == 1 ? "" : " '" + name + "'")
                        + " is " + shape);
            }
        });
    }

    /** The configured schedule, told the run's length in updates (epochs x batches per epoch). */
    private LearningRateSchedule schedule(RunConfig config, Optimizer optimizer, int samples) {
        Options s = config.optimizer() == null ? null : config.optimizer().schedule();
        if (s == null) {
            return null;
        }
        TrainingConfig t = config.training();
        int perEpoch = t.batchSize() == 0 || t.batchSize() >= samples ? 1 : (samples + t.batchSize() - 1) / t.batchSize();
        int totalSteps = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, (long) t.epochs() * perEpoch));
        try {
            return components.schedule(s, new ScheduleContext(optimizer.learningRate(), totalSteps));
        } catch (OptionException e) {
            throw new ConfigException(List.of(config.document().error(e)));
        }
    }

    private Outcome train(RunConfig config, Parts parts, RunFolder folder, TrainingState from) throws IOException {
        TrainingConfig t = config.training();
        RunData data = parts.data;
        RunLog log = new RunLog(folder.log(), t.epochs());
        log.line(from.epoch() == 0 ? "started " + config.name() + " from " + config.document().source()
                : from.stopped() || from.epoch() >= t.epochs()
                        ? "finishing after epoch " + from.epoch() + ": the model was not saved yet"
                        : "resumed after epoch " + from.epoch() + " from its checkpoint");
        log.line("model: input " + inputs(parts.model) + ", output " + parts.model.outputShape() + ", "
                + parameterCount(parts.model) + " parameters; loss " + parts.loss.name()
                + (parts.optimizer == null ? "" : "; optimizer " + parts.optimizer.name() + " lr "
                        + parts.optimizer.learningRate()));
        components.clashes().forEach(c -> log.line("name clash: " + c));
        log.line("data: " + data.train().size() + " training samples"
                + (data.validation() == null ? "" : ", " + data.validation().size() + " validation")
                + (data.test() == null ? "" : ", " + data.test().size() + " test"));

        // a checkpoint is usable before the run ends: it finds the class names and pre-processing here
        AtomicFiles.writeString(folder.dataInfo(), Json.write(data.info()));

        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(log);
        MetricsCsv metrics = new MetricsCsv(folder.metrics());
        listeners.add(metrics);
        TrainingListener shown = progress.listener(out, t.epochs(), data.train().size(), t.batchSize(),
                jsonEverySteps);
        if (shown != null) {
            listeners.add(shown);
        }
        EarlyStopping early = null;
        if (t.earlyStopping() != null) {
            TrainingConfig.EarlyStoppingConfig e = t.earlyStopping();
            early = new EarlyStopping(Monitor.of(e.monitor()), e.patience(), e.minDelta());
            listeners.add(early);
        }
        ZeroErrorStop zero = null;
        if (t.stopAtZeroErrors()) {
            zero = new ZeroErrorStop(data.train());
            listeners.add(zero);
        }
        boolean restoreBest = early != null && t.earlyStopping().restoreBest();
        if (t.checkpointEvery() > 0 || restoreBest || t.checkpoint().keepBest()) {
            // the best epoch's weights are restored from its checkpoint, so it is saved even between intervals
            CheckpointWriter checkpoints = new CheckpointWriter(folder.checkpoints(),
                    t.checkpointEvery() > 0 ? t.checkpointEvery() : Integer.MAX_VALUE)
                    .keepLast(t.checkpoint().keepLast()).beforeSave(() -> {
                        metrics.flush();
                        log.flush();
                    });
            if (t.checkpoint().keepBest()) {
                checkpoints.keepBest(Monitor.of(t.checkpoint().monitor()));
            }
            if (restoreBest) {
                checkpoints.keepBest(early);
            }
            listeners.add(checkpoints);
        }
        LearningCurves curves = new LearningCurves(folder.curves(), t.checkpointEvery());
        listeners.add(curves);

        TrainingHistory history;
        if (t.epochs() == 0) {
            say(log, "training.epochs is 0: nothing is trained; the model is measured as built");
            history = new TrainingHistory(List.of(), false);
            metrics.onTrainingEnd(null, history);
        } else {
            Trainer.Builder builder = Trainer.builder(parts.model, parts.loss, parts.optimizer).epochs(t.epochs())
                    .batchSize(t.batchSize()).seed(config.seed()).shuffle(t.shuffle())
                    .divergenceFactor(t.divergenceFactor()).schedule(parts.schedule)
                    .clipping(config.createClipper(components))
                    .augment(t.augmentation());
            listeners.forEach(builder::listener);
            if (parts.spark != null) {
                builder.stepGradients(parts.spark);
                log.line(parts.spark.toString());
            } else if (microBatch > 0) {
                builder.stepGradients(LocalMicroBatches.of(parts.model, lossName(config), data.train(), components,
                        microBatch));
                log.line("micro-batches of " + microBatch + ", their gradients summed in order");
            }
            Trainer trainer = builder.build();
            try {
                history = fit(trainer, data, from);
            } catch (SparkTrainingException e) {
                metrics.flush();
                log.line(e.getMessage());
                throw e;
            } catch (TrainingDivergedException e) {
                metrics.flush();
                log.line(e.getMessage());
                throw e;
            } catch (TrainingStepException e) {
                metrics.flush();
                TrainingStepException named = e.from(components.originOf(e));
                log.line(named.getMessage());
                throw named;
            }
        }
        if (early != null && early.stoppedAfter() > 0) {
            say(log, String.format(Locale.ROOT, "early stopping after epoch %d: the best was epoch %d (%s)",
                    early.stoppedAfter(), early.bestEpoch(), early));
        }
        if (restoreBest && !history.epochs().isEmpty() && early.bestEpoch() != history.last().epoch()) {
            restoreBest(folder, parts.model, early, log);
        }
        if (zero != null) {
            say(log, zero.verdict(t.epochs()));
        }
        Map<String, Object> info = new LinkedHashMap<>(data.info());
        info.put("loss", lossSpec(config));
        if (!components.pluginsUsed().isEmpty()) {
            info.put(SavedModel.PLUGINS, SavedModel.pluginsEntry(components));
        }
        ModelFile.save(folder.model(), parts.model, info);
        Evaluation test = null;
        if (data.test() != null) {
            test = new Evaluator(parts.model, parts.loss, t.batchSize()).evaluate(data.test());
            String line = "test " + EvaluationReport.summary(test);
            log.line(line);
            metrics.test(test);
            if (t.epochs() > 0) {
                curves.test(test);
            }
            progress.result(out, "test", line, EvaluationReport.measures(test));
        }
        log.line("run folder: " + folder);
        progress.result(out, "run_folder", "run folder: " + folder, Map.of("path", folder.toString()));
        out.flush();
        return new Outcome(folder, history, test);
    }

    /** Loads the best epoch's weights from its checkpoint, so the model saved is the one reported as best. */
    private void restoreBest(RunFolder folder, Model model, EarlyStopping early, RunLog log) throws IOException {
        int best = early.bestEpoch();
        CheckpointWriter.Checkpoint c = CheckpointWriter.at(folder.checkpoints(), best).orElseThrow(
                () -> new IOException("the checkpoint of the best epoch, " + best + ", is missing from "
                        + folder.checkpoints()));
        WeightsFile.load(c.weights(), model.parameters());
        say(log, String.format(Locale.ROOT, "saved the weights of epoch %d, the best by %s (%.4g)", best,
                early.monitor().key(), early.best()));
    }

    /** Runs the trainer; a failure inside a step is named with the epoch and step of the run. */
    private static TrainingHistory fit(Trainer trainer, RunData data, TrainingState from) {
        try {
            return trainer.fit(data.train(), data.validation(), from);
        } catch (TrainingDivergedException | org.neurite.api.ShapeMismatchException | OptionException
                 | SparkTrainingException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new TrainingStepException(trainer.epoch(), trainer.steps() + 1, e);
        }
    }

    private void say(RunLog log, String line) {
        progress.note(out, line);
        log.line(line);
    }

    /** The loss's name and options, from which executors create their own. */
    private static Map.Entry<String, Map<String, Object>> lossName(RunConfig config) {
        return Map.entry(config.loss().name(), config.loss().options().asMap());
    }

    /** The loss as the config wrote it: a name, or a map of the name and its options. */
    static Object lossSpec(RunConfig config) {
        Map<String, Object> options = config.loss().options().asMap();
        if (options.isEmpty()) {
            return config.loss().name();
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", config.loss().name());
        spec.putAll(options);
        return spec;
    }

    /** @return the only input's shape, or every input by name */
    private static String inputs(Model model) {
        Map<String, org.neurite.api.Shape> inputs = model.inputShapes();
        return inputs.size() == 1 ? inputs.values().iterator().next().toString() : DataFit.describe(inputs);
    }

    private static long parameterCount(Model model) {
        long n = 0;
        for (Parameter p : model.parameters().values()) {
            n += p.shape().size();
        }
        return n;
    }

    private static void writeConfig(RunFolder folder, RunConfig config) throws IOException {
        try {
            AtomicFiles.writeString(folder.config(), ConfigYaml.text(config.resolved()));
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write " + folder.config() + ": " + e.getOriginalMessage(), e);
        }
    }
}
