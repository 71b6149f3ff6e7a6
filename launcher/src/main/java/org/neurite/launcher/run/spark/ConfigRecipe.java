package org.neurite.launcher.run.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.io.Json;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.EarlyStopping;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.Monitor;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;
import org.neurite.launcher.config.ConfigDocument;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.ConfigReader;
import org.neurite.launcher.config.ConfigYaml;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.RunConfigCheck;
import org.neurite.launcher.config.SparkConfig;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.RunParts;
import org.neurite.launcher.run.RunSchedule;
import org.neurite.launcher.run.ZeroErrorStop;
import org.neurite.launcher.run.data.RunData;
import org.neurite.pluginloader.PluginSet;
import org.neurite.spark.barrier.CheckpointPlan;
import org.neurite.spark.barrier.ResumePoint;
import org.neurite.spark.barrier.TrainingRecipe;
import org.neurite.spark.travel.DatasetBytes;
import org.neurite.spark.travel.ModelBytes;
import org.neurite.spark.travel.PluginZips;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A barrier run's recipe made from a run config: what travels is the config as text (as it runs:
 * overrides applied, data paths absolute), the model's starting weights as {@code model.json} and
 * safetensors bytes, the plugin zips, and the training and validation data as safetensors bytes
 * unless the executors read them themselves from the config's data section. Each worker loads the
 * plugins, checks the config as the driver did and builds its loss, optimizer, schedule, clipping
 * and trainer settings from it, so that the workers train exactly as {@code neurite train} would.
 */
final class ConfigRecipe implements TrainingRecipe {

    private static final long serialVersionUID = 1L;

    private final String configText;
    private final String source;
    private final String folder;
    private final long seed;
    private final ModelBytes model;
    private final PluginZips plugins;
    /** The data sent from the driver; both {@code null} when the executors read the config's data. */
    private final DatasetBytes train;
    private final DatasetBytes validation;
    private final int workers;
    private final boolean averaging;
    private final CheckpointPlan checkpoints;
    /** The checkpoint a resumed run starts from, or {@code null}. */
    private final ResumePoint resume;

    /** What a worker built from the recipe, once. */
    private transient Built built;

    private record Built(PluginSet plugins, Components components, RunConfig config, RunData data) {
    }

    private ConfigRecipe(String configText, String source, String folder, long seed, ModelBytes model,
                         PluginZips plugins, DatasetBytes train, DatasetBytes validation, int workers,
                         boolean averaging, CheckpointPlan checkpoints, ResumePoint resume) {
        this.configText = configText;
        this.source = source;
        this.folder = folder;
        this.seed = seed;
        this.model = model;
        this.plugins = plugins;
        this.train = train;
        this.validation = validation;
        this.workers = workers;
        this.averaging = averaging;
        this.checkpoints = checkpoints;
        this.resume = resume;
    }

    /**
     * @param config the checked config
     * @param parts the driver's model (its starting weights), data and the rest
     * @param modelInfo the model file's entries beyond the format's own (the plugins that built it)
     * @param launch the master, mode, workers and plugin folders
     * @param resume the checkpoint a resumed run starts from, or {@code null}
     * @return the recipe
     */
    static ConfigRecipe of(RunConfig config, RunParts parts, Map<String, ?> modelInfo, SparkLaunch launch,
                           ResumePoint resume) {
        Map<String, Object> values = config.resolved();
        boolean sendData = launch.settings().data() == SparkConfig.DataFrom.DRIVER;
        if (sendData && values.get("data") instanceof Map<?, ?> data) {
            // the driver measures its test data after training: executors never need it
            data.remove("test");
        }
        String text;
        try {
            text = ConfigYaml.text(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the config for the executors: " + e.getOriginalMessage(), e);
        }
        int workers = launch.settings().partitions();
        boolean averaging = launch.settings().mode() == SparkConfig.Mode.LOCAL_SGD;
        TrainingConfig t = config.training();
        boolean restoreBest = t.earlyStopping() != null && t.earlyStopping().restoreBest();
        boolean keepBest = t.checkpoint().keepBest();
        // as on one machine: the best epoch is saved even between intervals, to be kept or restored
        CheckpointPlan plan = t.checkpointEvery() > 0 || restoreBest || keepBest
                ? new CheckpointPlan(t.checkpointEvery() > 0 ? t.checkpointEvery() : Integer.MAX_VALUE,
                        t.checkpoint().keepLast(), keepBest ? t.checkpoint().monitor() : null, restoreBest)
                : null;
        return new ConfigRecipe(text, config.document().source(), config.document().folder().toAbsolutePath().toString(),
                config.seed(), ModelBytes.of(parts.model(), modelInfo), PluginZips.of(launch.pluginDirs()),
                sendData ? DatasetBytes.of(parts.data().train()) : null,
                sendData && parts.data().validation() != null ? DatasetBytes.of(parts.data().validation()) : null,
                workers, averaging, plan, resume);
    }

    @Override
    public Model model() {
        // the model file first: a plugin missing here is named, where the config would only say its layer type is unknown
        return model.load(built().components());
    }

    @Override
    public Loss loss() {
        return built().config().createLoss(built().components());
    }

    @Override
    public Optimizer optimizer(Model forModel) {
        return built().config().createOptimizer(built().components());
    }

    @Override
    public Dataset trainingData() {
        return train != null ? train.toDataset() : built().data().train();
    }

    @Override
    public Dataset validationData() {
        if (train != null) {
            return validation == null ? null : validation.toDataset();
        }
        return built().data().validation();
    }

    @Override
    public CheckpointPlan checkpoints() {
        return checkpoints;
    }

    @Override
    public List<TrainingListener> stopRules(Dataset data) {
        TrainingConfig t = built().config().training();
        List<TrainingListener> rules = new ArrayList<>();
        if (t.earlyStopping() != null) {
            rules.add(new EarlyStopping(Monitor.of(t.earlyStopping().monitor()), t.earlyStopping().patience(),
                    t.earlyStopping().minDelta()));
        }
        if (t.stopAtZeroErrors()) {
            rules.add(new ZeroErrorStop(data));
        }
        return rules;
    }

    /**
     * @return when the executors read the data themselves, what the driver needs to know of it as
     *     JSON: {@code train} and {@code validation} (sample counts) and {@code info} (class names,
     *     pre-processing); {@code null} when the driver sent the data
     */
    @Override
    public String describeData() {
        if (train != null) {
            return null;
        }
        RunData data = built().data();
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("train", data.trainSize());
        described.put("validation", data.validationSize());
        described.put("test", data.testSize());
        described.put("info", data.info());
        return Json.writeCompact(described);
    }

    /**
     * @return when the executors read the data themselves, the measures of the weights on the
     *     config's test data ({@link TestFigures}); {@code null} without test data
     */
    @Override
    public String measureTest(byte[] weights) {
        if (train != null) {
            return null;
        }
        Dataset test = built().data().test();
        if (test == null) {
            return null;
        }
        Model measured = model.load(built().components());
        WeightsFile.load(weights, "the trained weights", measured.parameters());
        return TestFigures.write(new Evaluator(measured, loss(), built().config().training().batchSize()).evaluate(test));
    }

    @Override
    public ResumePoint resumeFrom() {
        return resume;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Trainer.Builder configure(Trainer.Builder trainer) {
        RunConfig config = built().config();
        Components components = built().components();
        TrainingConfig t = config.training();
        Optimizer optimizer = config.createOptimizer(components);
        // a schedule's length in the worker's own steps: in local SGD its share of the data (WorkerTraining.share)
        int samples = trainingData().size();
        int samplesPerWorker = averaging ? samples / workers : samples;
        return trainer.epochs(t.epochs()).batchSize(t.batchSize()).shuffle(t.shuffle())
                .divergenceFactor(t.divergenceFactor())
                .schedule(RunSchedule.of(config, components, optimizer.learningRate(), samplesPerWorker))
                .clipping(config.createClipper(components));
    }

    @Override
    public void release() {
        if (built != null && built.plugins() != null) {
            built.plugins().close();
        }
        built = null;
    }

    /** Loads the plugins, checks the config and reads the data if it is this executor's to read; once. */
    private Built built() {
        if (built != null) {
            return built;
        }
        PluginSet loaded = plugins.zips().isEmpty() ? null : plugins.load();
        try {
            Components components = loaded == null ? Components.builtIns() : loaded.components();
            // the model file first: a plugin layer missing here is named with its plugin
            Model checked = model.load(components);
            ConfigDocument doc = ConfigReader.read(configText, source, Path.of(folder), false);
            RunConfig config;
            RunData data = null;
            try {
                if (train != null) {
                    config = RunConfigCheck.checkWithoutData(doc, components);
                } else {
                    config = RunConfigCheck.check(doc, components);
                    data = RunData.load(config, checked);
                }
            } catch (ConfigException e) {
                throw new IllegalStateException((train == null ? "cannot read the data here: " : "the run config does"
                        + " not check here: ") + e.errors().get(0), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the training data here: " + e.getMessage(), e);
            }
            built = new Built(loaded, components, config, data);
            return built;
        } catch (RuntimeException e) {
            if (loaded != null) {
                loaded.close();
            }
            throw e;
        }
    }
}
