package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.OptionException;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.io.AtomicFiles;
import org.neurite.engine.io.Json;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Checkpoint;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingDivergedException;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingState;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.ConfigYaml;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.progress.Progress;
import org.neurite.launcher.run.spark.OnSpark;
import org.neurite.launcher.run.spark.SparkLaunch;
import org.neurite.launcher.run.spark.SparkStart;
import org.neurite.spark.SparkTrainingException;
import org.neurite.spark.sync.LocalMicroBatches;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A training run from a checked config to a run folder: builds the model, loads the data (so
 * data that does not fit the model is a config error, found before the folder exists), trains
 * here or on Spark with progress, metrics, checkpoints, curves and a log, then saves the final
 * model and measures it on the test data ({@link RunEnd}). {@link #resume} continues a run folder
 * from its latest checkpoint.
 */
public final class TrainingRun {

    /**
     * How a run ended.
     *
     * @param folder the run folder
     * @param history every epoch's result
     * @param test the measures on the test data, or {@code null} without test data
     */
    public record Outcome(RunFolder folder, TrainingHistory history, org.neurite.engine.train.Evaluation test) {
    }

    /** How often {@code --log-format json} reports a step unless told otherwise ({@code --log-every}). */
    public static final int JSON_EVERY_STEPS = 100;
    /** The same, for option defaults and descriptions. */
    public static final String JSON_EVERY_STEPS_TEXT = "100";

    private final Components components;
    private final PrintWriter out;
    private final Progress progress;
    private SparkLaunch spark;
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
     * Trains on Spark, in the run folder a run here would write: in the synchronous mode every step's
     * gradients are computed by the executors and everything else runs here; in the barrier modes
     * the workers train on the executors and worker 0's epochs, checkpoints and weights come back.
     *
     * @param launch the master and Spark settings; {@code null} trains here
     * @return this run
     */
    public TrainingRun spark(SparkLaunch launch) {
        this.spark = launch;
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
        RunParts prepared = prepare(config, false);
        try (OnSpark onSpark = startSpark(config, prepared, null)) {
            RunParts parts = withExecutorsData(prepared, onSpark, config);
            RunFolder folder = RunFolder.create(runs, config.name(), LocalDateTime.now());
            writeConfig(folder, config);
            return train(config, parts, onSpark, folder, TrainingState.start());
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
        Checkpoint saved = Checkpoint.latest(folder.checkpoints()).orElseThrow(
                () -> new ConfigException(folder.toString(), "no complete checkpoint to resume from in "
                        + folder.checkpoints()));
        int done = saved.state().epoch();
        boolean ended = saved.state().stopped() || done >= config.training().epochs();
        if (ended && Files.isRegularFile(folder.model())) {
            throw new ConfigException(folder.toString(), saved.state().stopped()
                    ? "the run stopped early after epoch " + done + " (early stopping or zero errors); there is"
                            + " nothing to resume"
                    : "the run has finished its " + config.training().epochs()
                            + (config.training().epochs() == 1 ? " epoch" : " epochs") + "; to train on, raise them,"
                            + " such as --set training.epochs=" + (done + 10));
        }
        RunParts prepared = prepare(config, ended);
        // a run whose epochs all ran only saves its model: nothing for Spark to do
        try (OnSpark onSpark = ended ? null
                : startSpark(config, prepared, new SparkStart.Resumed(folder.checkpoints(), done))) {
            RunParts parts = withExecutorsData(prepared, onSpark, config);
            folder.removeLeftovers();
            TrainingState from = saved.restore(parts.model().parameters(), parts.optimizer());
            writeConfig(folder, config);
            return train(config, parts, onSpark, folder, from);
        }
    }

    /**
     * Builds the run's parts; its data too, unless the Spark executors read it themselves and
     * describe it when Spark starts ({@link #withExecutorsData}).
     */
    private RunParts prepare(RunConfig config, boolean ended) throws IOException {
        return !ended && SparkStart.executorsRead(spark, config) ? RunParts.withoutData(config, components)
                : RunParts.prepare(config, components);
    }

    /** The parts with the data the executors described, when they read it; else the parts as they are. */
    private RunParts withExecutorsData(RunParts parts, OnSpark onSpark, RunConfig config) {
        return onSpark != null && onSpark.executorsData() != null
                ? parts.withData(onSpark.executorsData(), config, components) : parts;
    }

    /** Starts Spark for a run with {@code --spark} (not when nothing is trained); {@code null} otherwise. */
    private OnSpark startSpark(RunConfig config, RunParts parts, SparkStart.Resumed resumed) {
        if (spark == null || config.training().epochs() == 0) {
            return null;
        }
        return SparkStart.start(spark, config, parts, components, RunEnd.pluginsInfo(components), resumed);
    }

    private Outcome train(RunConfig config, RunParts parts, OnSpark onSpark, RunFolder folder, TrainingState from)
            throws IOException {
        TrainingConfig t = config.training();
        RunListeners listeners = new RunListeners(t, parts.data(), folder, progress, out, jsonEverySteps);
        RunLog log = listeners.log;
        log.line(from.epoch() == 0 ? "started " + config.name() + " from " + config.document().source()
                : from.stopped() || from.epoch() >= t.epochs()
                        ? "finishing after epoch " + from.epoch() + ": the model was not saved yet"
                        : "resumed after epoch " + from.epoch() + " from its checkpoint");
        log.line(RunEnd.modelLine(parts));
        components.clashes().forEach(c -> log.line("name clash: " + c));
        log.line(RunEnd.dataLine(parts.data()));

        // a checkpoint is usable before the run ends: it finds the class names and pre-processing here
        AtomicFiles.writeString(folder.dataInfo(), Json.write(parts.data().info()));

        TrainingHistory history;
        if (t.epochs() == 0) {
            say(log, "training.epochs is 0: nothing is trained; the model is measured as built");
            history = new TrainingHistory(List.of(), false);
            listeners.metrics.onTrainingEnd(null, history);
        } else {
            try {
                history = onSpark != null && onSpark.barrier()
                        ? trainOnExecutors(config, onSpark, parts, listeners, folder, from)
                        : trainHere(config, parts, onSpark, listeners, from);
            } catch (SparkTrainingException | TrainingDivergedException e) {
                listeners.metrics.flush();
                log.line(e.getMessage());
                throw e;
            } catch (TrainingStepException e) {
                listeners.metrics.flush();
                TrainingStepException named = e.from(components.originOf(e));
                log.line(named.getMessage());
                throw named;
            }
        }
        return new RunEnd(components, progress, out).finish(config, parts, folder, listeners, history,
                onSpark != null && onSpark.executorsData() != null ? onSpark::measureTest : null);
    }

    /** Trains on this machine: whole batches, micro-batches here, or the Spark synchronous mode's gradients. */
    private TrainingHistory trainHere(RunConfig config, RunParts parts, OnSpark onSpark, RunListeners listeners,
                                      TrainingState from) {
        TrainingConfig t = config.training();
        Trainer.Builder builder = Trainer.builder(parts.model(), parts.loss(), parts.optimizer()).epochs(t.epochs())
                .batchSize(t.batchSize()).seed(config.seed()).shuffle(t.shuffle())
                .divergenceFactor(t.divergenceFactor()).schedule(parts.schedule())
                .clipping(config.createClipper(components))
                .augment(t.augmentation());
        listeners.all().forEach(builder::listener);
        if (onSpark != null) {
            builder.stepGradients(onSpark.stepGradients());
            listeners.log.line(onSpark.toString());
        } else if (microBatch > 0) {
            builder.stepGradients(LocalMicroBatches.of(parts.model(), Map.entry(config.loss().name(),
                    config.loss().options().asMap()), parts.data().train(), components, microBatch));
            listeners.log.line("micro-batches of " + microBatch + ", their gradients summed in order");
        }
        Trainer trainer = builder.build();
        try {
            return trainer.fit(parts.data().train(), parts.data().validation(), from);
        } catch (TrainingDivergedException | ShapeMismatchException | OptionException | SparkTrainingException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // a failure inside a step is named with the epoch and step of the run
            throw new TrainingStepException(trainer.epoch(), trainer.steps() + 1, e);
        }
    }

    /**
     * Trains in a barrier mode: the workers on the executors, worker 0 telling the epochs, steps and
     * checkpoints here as they come; the stop at zero errors then gives its verdict on the final weights.
     */
    private TrainingHistory trainOnExecutors(RunConfig config, OnSpark onSpark, RunParts parts, RunListeners listeners,
                                             RunFolder folder, TrainingState from) {
        listeners.log.line(onSpark.toString() + "; worker 0 reports its epochs as they end");
        progress.note(out, "training on the executors (" + onSpark + ")");
        // never run: the listeners here read only results, and early stopping's stop() is the workers' to follow
        Trainer here = Trainer.builder(parts.model(), parts.loss(), parts.optimizer())
                .epochs(config.training().epochs()).build();
        TrainingHistory history = onSpark.trainBarrier(here, listeners.fromResultsAndEarlyStopping(),
                folder.checkpoints(), from, listeners::flush);
        if (listeners.zero != null && !history.epochs().isEmpty()) {
            listeners.zero.onEpochEnd(here, history.last());
        }
        return history;
    }

    private void say(RunLog log, String line) {
        progress.note(out, line);
        log.line(line);
    }

    private static void writeConfig(RunFolder folder, RunConfig config) throws IOException {
        try {
            AtomicFiles.writeString(folder.config(), ConfigYaml.text(config.resolved()));
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write " + folder.config() + ": " + e.getOriginalMessage(), e);
        }
    }
}
