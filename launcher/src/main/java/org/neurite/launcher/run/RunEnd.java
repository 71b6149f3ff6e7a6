package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.io.ModelFile;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Checkpoint;
import org.neurite.engine.train.EarlyStopping;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.data.DataFit;
import org.neurite.launcher.run.data.RunData;
import org.neurite.launcher.run.progress.Progress;

/**
 * The end of a run, however it trained: says how early stopping and the zero-error stop ended,
 * restores the best epoch's weights if asked, saves the model with what it needs to be used again
 * ({@code model.json}: data info, loss, plugins), and measures it on the test data. Also the lines
 * that describe a run's model and data in its log.
 */
final class RunEnd {

    private final Components components;
    private final Progress progress;
    private final PrintWriter out;

    RunEnd(Components components, Progress progress, PrintWriter out) {
        this.components = components;
        this.progress = progress;
        this.out = out;
    }

    /**
     * Measures a model on test data read elsewhere (by the Spark executors).
     */
    interface TestElsewhere {
        /**
         * @param model the model to measure
         * @return its measures, or {@code null} without test data
         */
        Evaluation measure(Model model);
    }

    TrainingRun.Outcome finish(RunConfig config, RunParts parts, RunFolder folder, RunListeners listeners,
                               TrainingHistory history, TestElsewhere elsewhere) throws IOException {
        TrainingConfig t = config.training();
        RunLog log = listeners.log;
        EarlyStopping early = listeners.early;
        if (early != null && early.stoppedAfter() > 0) {
            say(log, String.format(Locale.ROOT, "early stopping after epoch %d: the best was epoch %d (%s)",
                    early.stoppedAfter(), early.bestEpoch(), early));
        }
        if (listeners.restoreBest && !history.epochs().isEmpty() && early.bestEpoch() != history.last().epoch()) {
            restoreBest(folder, parts.model(), early, log);
        }
        if (listeners.zero != null) {
            say(log, listeners.zero.verdict(t.epochs()));
        }
        RunData data = parts.data();
        Map<String, Object> info = new LinkedHashMap<>(data.info());
        info.put("loss", lossSpec(config));
        info.putAll(pluginsInfo(components));
        ModelFile.save(folder.model(), parts.model(), info);
        Evaluation test = data.test() != null
                ? new Evaluator(parts.model(), parts.loss(), t.batchSize()).evaluate(data.test())
                : elsewhere != null ? elsewhere.measure(parts.model()) : null;
        if (test != null) {
            String line = "test " + EvaluationReport.summary(test);
            log.line(line);
            listeners.metrics.test(test);
            if (t.epochs() > 0) {
                listeners.curves.test(test);
            }
            progress.result(out, "test", line, EvaluationReport.measures(test));
        }
        log.line("run folder: " + folder);
        progress.result(out, "run_folder", "run folder: " + folder, Map.of("path", folder.toString()));
        out.flush();
        return new TrainingRun.Outcome(folder, history, test);
    }

    /** Loads the best epoch's weights from its checkpoint, so the model saved is the one reported as best. */
    private void restoreBest(RunFolder folder, Model model, EarlyStopping early, RunLog log) throws IOException {
        int best = early.bestEpoch();
        Checkpoint c = Checkpoint.at(folder.checkpoints(), best).orElseThrow(
                () -> new IOException("the checkpoint of the best epoch, " + best + ", is missing from "
                        + folder.checkpoints()));
        WeightsFile.load(c.weights(), model.parameters());
        say(log, String.format(Locale.ROOT, "saved the weights of epoch %d, the best by %s (%.4g)", best,
                early.monitor().key(), early.best()));
    }

    private void say(RunLog log, String line) {
        progress.note(out, line);
        log.line(line);
    }

    /**
     * @param components the components the model was built with
     * @return the model file's entry of the plugins that built it; empty if none did
     */
    static Map<String, Object> pluginsInfo(Components components) {
        return components.pluginsUsed().isEmpty() ? Map.of()
                : Map.of(SavedModel.PLUGINS, SavedModel.pluginsEntry(components));
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

    /** @return the log's line about the model: inputs, output, parameters, loss and optimizer */
    static String modelLine(RunParts parts) {
        Model model = parts.model();
        Map<String, Shape> inputs = model.inputShapes();
        long parameters = 0;
        for (Parameter p : model.parameters().values()) {
            parameters += p.shape().size();
        }
        return "model: input " + (inputs.size() == 1 ? inputs.values().iterator().next().toString()
                : DataFit.describe(inputs)) + ", output " + model.outputShape() + ", " + parameters
                + " parameters; loss " + parts.loss().name() + (parts.optimizer() == null ? ""
                : "; optimizer " + parts.optimizer().name() + " lr " + parts.optimizer().learningRate());
    }

    /** @return the log's line about the data: how many samples of each kind */
    static String dataLine(RunData data) {
        return "data: " + data.trainSize() + " training samples"
                + (data.validationSize() == 0 ? "" : ", " + data.validationSize() + " validation")
                + (data.testSize() == 0 ? "" : ", " + data.testSize() + " test");
    }
}
