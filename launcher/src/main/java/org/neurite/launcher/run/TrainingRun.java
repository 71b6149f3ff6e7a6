package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Loss;
import org.neurite.api.OptionException;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.ScheduleContext;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.io.AtomicFiles;
import org.neurite.engine.io.ModelFile;
import org.neurite.engine.io.OptimizerStateFile;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.EarlyStopping;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.TrainingDivergedException;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.data.DataFit;
import org.neurite.launcher.run.data.RunData;
import org.neurite.launcher.run.progress.EpochLines;
import org.neurite.launcher.run.progress.ProgressBar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

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

    private final Components components;
    private final PrintWriter out;
    private final boolean terminal;

    /**
     * @param components where the config's components are looked up
     * @param out where progress and results are printed
     * @param terminal whether {@code out} is a terminal (a progress bar) or not (a line per epoch)
     */
    public TrainingRun(Components components, PrintWriter out, boolean terminal) {
        this.components = components;
        this.out = out;
        this.terminal = terminal;
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
        RunFolder folder = RunFolder.create(runs, config.name(), LocalDateTime.now());
        writeConfig(folder, config);
        return train(config, parts, folder, EpochLoop.State.start());
    }

    /**
     * Continues a run from its latest checkpoint, in its own folder, as if it had never stopped.
     *
     * @param folder the run folder
     * @param config its config (as saved there, with any overrides applied)
     * @return how the run ended
     * @throws IOException if a file cannot be read or written
     * @throws ConfigException if there is nothing to resume: no checkpoint, or the run has ended
     */
    public Outcome resume(RunFolder folder, RunConfig config) throws IOException {
        Parts parts = prepare(config);
        Checkpoints.Saved saved = Checkpoints.latest(folder.checkpoints()).orElseThrow(() -> new ConfigException(
                folder.toString(), "no complete checkpoint to resume from in " + folder.checkpoints()));
        int done = saved.state().epoch();
        if (saved.stopped()) {
            throw new ConfigException(folder.toString(), "the run stopped early after epoch " + done
                    + " (early stopping or zero errors); there is nothing to resume");
        }
        if (done >= config.training().epochs()) {
            throw new ConfigException(folder.toString(), "the run has finished its " + config.training().epochs()
                    + " epochs; to train on, raise them, such as --set training.epochs=" + (done + 10));
        }
        WeightsFile.load(saved.weights(), parts.model.parameters());
        OptimizerStateFile.load(saved.optimizer(), parts.optimizer);
        writeConfig(folder, config);
        return train(config, parts, folder, saved.state());
    }

    /** What a run trains, built and loaded before anything is written. */
    private record Parts(Model model, Loss loss, Optimizer optimizer, RunData data, LearningRateSchedule schedule) {
    }

    private Parts prepare(RunConfig config) throws IOException {
        Model model = config.buildModel(components);
        Loss loss = config.createLoss(components);
        Optimizer optimizer = config.createOptimizer(components);
        checkAugmentedInputs(config, model);
        RunData data = RunData.load(config, model);
        return new Parts(model, loss, optimizer, data, schedule(config, optimizer, data.train().size()));
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

    private Outcome train(RunConfig config, Parts parts, RunFolder folder, EpochLoop.State from) throws IOException {
        TrainingConfig t = config.training();
        RunData data = parts.data;
        RunLog log = new RunLog(folder.log(), t.epochs());
        log.line(from.epoch() == 0 ? "started " + config.name() + " from " + config.document().source()
                : "resumed after epoch " + from.epoch() + " from its checkpoint");
        log.line("model: input " + inputs(parts.model) + ", output " + parts.model.outputShape() + ", "
                + parameterCount(parts.model) + " parameters; loss " + parts.loss.name()
                + (parts.optimizer == null ? "" : "; optimizer " + parts.optimizer.name() + " lr "
                        + parts.optimizer.learningRate()));
        components.clashes().forEach(c -> log.line("name clash: " + c));
        log.line("data: " + data.train().size() + " training samples"
                + (data.validation() == null ? "" : ", " + data.validation().size() + " validation")
                + (data.test() == null ? "" : ", " + data.test().size() + " test"));

        List<TrainingListener> listeners = new ArrayList<>();
        List<BooleanSupplier> stops = new ArrayList<>();
        listeners.add(log);
        MetricsCsv metrics = new MetricsCsv(folder.metrics());
        listeners.add(metrics);
        listeners.add(terminal ? new ProgressBar(out, t.epochs(), data.train().size(), t.batchSize())
                : new EpochLines(out, t.epochs()));
        ResumableEarlyStopping early = null;
        if (t.earlyStopping() != null) {
            TrainingConfig.EarlyStoppingConfig e = t.earlyStopping();
            early = new ResumableEarlyStopping(new EarlyStopping(EarlyStopping.Monitor.of(e.monitor()), e.patience(),
                    e.minDelta()));
            listeners.add(early);
            stops.add(early);
        }
        ZeroErrorStop zero = null;
        if (t.stopAtZeroErrors()) {
            zero = new ZeroErrorStop(data.train());
            listeners.add(zero);
            stops.add(zero);
        }
        if (t.checkpointEvery() > 0) {
            listeners.add(new Checkpoints(folder.checkpoints(), t.checkpointEvery()));
        }
        listeners.add(new LearningCurves(folder.curves(), t.checkpointEvery()));

        TrainingHistory history;
        if (t.epochs() == 0) {
            say(log, "training.epochs is 0: nothing is trained; the model is measured as built");
            history = new TrainingHistory(List.of(), false);
            metrics.onTrainingEnd(null, history);
        } else {
            EpochLoop loop = new EpochLoop(parts.model, parts.loss, parts.optimizer, t.epochs(), t.batchSize(),
                    config.seed(), parts.schedule, config.createClipper(components), listeners, stops)
                    .augment(t.augmentation());
            try {
                history = loop.run(data.train(), data.validation(), from);
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
        if (early != null && early.getAsBoolean()) {
            say(log, early.verdict());
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
            say(log, "test " + EvaluationReport.summary(test));
        }
        say(log, "run folder: " + folder);
        return new Outcome(folder, history, test);
    }

    private void say(RunLog log, String line) {
        out.println(line);
        log.line(line);
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
        YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
        try {
            AtomicFiles.writeString(folder.config(), yaml.writeValueAsString(config.resolved()));
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write " + folder.config() + ": " + e.getOriginalMessage(), e);
        }
    }
}
