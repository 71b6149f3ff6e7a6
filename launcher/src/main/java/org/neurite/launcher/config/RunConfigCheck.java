package org.neurite.launcher.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.StatefulLayer;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.data.source.FolderContext;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.StatefulLayers;
import org.neurite.engine.options.OptionReader;
import org.neurite.engine.registry.ComponentException;
import org.neurite.engine.registry.ComponentRef;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.MemoryBudget;
import org.neurite.engine.tensor.MemoryLimitException;

/**
 * Checks a whole run config before anything runs and turns it into a {@link RunConfig}:
 * unknown keys at every level (with the closest known name), missing and mistyped values,
 * values out of range, unknown component names, a model whose layers do not fit together
 * (it is built, as the run will build it), and data files that do not exist. Every problem
 * found is reported, each in one line with its file and line.
 */
public final class RunConfigCheck {

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
                    "Epochs, batch size, early stopping, checkpoints, stop_at_zero_errors."));

    /** The keys of {@code data}. */
    public static final List<OptionSpec> DATA = List.of(
            OptionSpec.required("train", OptionType.MAP, "The training data source."),
            OptionSpec.optional("validation", OptionType.MAP, null,
                    "The validation data: a source, or {split: 0.1} to hold out a share of the training data."),
            OptionSpec.optional("test", OptionType.MAP, null,
                    "The test data source, measured once after training."),
            OptionSpec.optional(DataOptions.CLASSES, OptionType.STRING, null,
                    "The class names in index order, such as [T-shirt/top, Trouser]; saved with the model for"
                            + " predict and evaluate. Default: a CSV's string labels or an image folder's subfolders."),
            OptionSpec.optional(DataOptions.NORMALIZE, OptionType.STRING, "none",
                    "Normalise inputs by the mean and standard deviation of the training data, saved with the"
                            + " model: none, global, per_channel (the first axis of [C, H, W]) or per_feature.")
                    .oneOf(DataOptions.NORMALIZATIONS.toArray(String[]::new)));

    static final OptionSpec FORMAT = OptionSpec.required("format", OptionType.STRING,
            "The data format, such as idx, csv, synthetic, text, sequences, windows, or one a plugin adds.");

    static final List<OptionSpec> SPLIT = List.of(
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

    private static final Pattern LEADING_PATH = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*(?:\\[\\d+]|\\.[A-Za-z_][A-Za-z0-9_]*)*)");
    /** The longest run name: its folder adds a timestamp, and file names end at 255 bytes. */
    static final int MAX_NAME = 100;
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final ConfigDocument doc;
    private final Components components;
    private final List<ConfigError> errors = new ArrayList<>();

    private RunConfigCheck(ConfigDocument doc, Components components) {
        this.doc = doc;
        this.components = components;
    }

    /**
     * Checks a config.
     *
     * @param doc the config as read, overrides applied
     * @param components where layer types, losses, optimizers and the rest are looked up
     * @return the checked config
     * @throws ConfigException listing every problem found
     */
    public static RunConfig check(ConfigDocument doc, Components components) {
        return new RunConfigCheck(doc, components).run();
    }

    private RunConfig run() {
        Options root = doc.options();
        boolean rootOk = section(root, ROOT, Set.of("loss", "optimizer"));
        String name = attempt(() -> runName(root));
        Integer seedValue = attempt(() -> root.getInt("seed", 0));
        long seed = seedValue == null ? 0 : seedValue;

        SourceConfig train = null;
        SourceConfig validation = null;
        SourceConfig test = null;
        if (root.raw("data") instanceof Map<?, ?>) {
            Options data = root.getOptions("data");
            // classes is a list of names, which no option type describes: DataOptions.read checks it
            Map<String, Object> typed = new LinkedHashMap<>(data.asMap());
            typed.remove(DataOptions.CLASSES);
            if (section(Options.of(data.path(), typed), DATA, Set.of())) {
                attempt(() -> DataOptions.read(data));
                train = source(data.getOptions("train"), false, seed);
                validation = data.has("validation") ? source(data.getOptions("validation"), true, seed + 1) : null;
                test = data.has("test") ? source(data.getOptions("test"), false, seed + 2) : null;
            }
        }
        Options model = root.raw("model") instanceof Map<?, ?> ? root.getOptions("model") : null;
        Model built = model == null ? null : attempt(() -> Model.fromOptions(model, components, seed));
        ComponentRef loss = root.has("loss") ? attempt(() -> {
            ComponentRef ref = ComponentRef.read(root, "loss");
            components.loss(ref.name(), ref.options());
            return ref;
        }) : null;
        OptimizerConfig optimizer = root.has("optimizer") ? attempt(() -> optimizer(root)) : null;
        TrainingConfig training = training(root.raw("training") instanceof Map<?, ?> ? root.getOptions("training")
                : Options.of("training", Map.of()), validation != null);
        if (built != null && training != null) {
            Options trainOptions = train instanceof SourceConfig.Provided ? root.getOptions("data").getOptions("train")
                    : null;
            attempt(() -> statefulInOrder(built, training, trainOptions));
        }
        if (optimizer == null && !root.has("optimizer") && training != null && training.epochs() > 0) {
            errors.add(doc.error(new OptionException("optimizer", "is required but missing (training.epochs is "
                    + training.epochs() + "; give 0 to only measure the model as built)")));
        }
        if (built != null && training != null) {
            long samples = samples(train, root);
            attempt(() -> RunMemory.check(built, training.batchSize(), samples));
        }
        if (!errors.isEmpty() || !rootOk) {
            throw new ConfigException(errors);
        }
        return new RunConfig(doc, name, seed, train, validation, test, model, loss, optimizer, training);
    }

    /** The training samples when the config alone tells them (generated sets), else 0. */
    private static long samples(SourceConfig train, Options root) {
        if (train instanceof SourceConfig.Provided p && p.format().equals("synthetic")) {
            Options options = root.getOptions("data").getOptions("train");
            return options.has("samples") ? options.getInt("samples") : 4;
        }
        return 0;
    }

    private String runName(Options root) {
        String name = root.getString("name", null);
        if (name == null) {
            String file = Path.of(doc.source()).getFileName().toString();
            int dot = file.lastIndexOf('.');
            name = dot > 0 ? file.substring(0, dot) : file;
            return RUN_NAME.matcher(name).matches() ? name.substring(0, Math.min(name.length(), MAX_NAME)) : "run";
        }
        if (name.length() > MAX_NAME) {
            throw new OptionException("name", "expected at most " + MAX_NAME + " characters (it names the run's"
                    + " folder), got " + name.length());
        }
        if (!RUN_NAME.matcher(name).matches()) {
            throw new OptionException("name", "expected letters, digits, '.', '_' or '-' (it names the run's folder), got \""
                    + name + "\"");
        }
        return name;
    }

    private SourceConfig source(Options s, boolean allowSplit, long defaultSeed) {
        if (allowSplit && s.has("split")) {
            if (!section(s, SPLIT, Set.of())) {
                return null;
            }
            return attempt(() -> {
                double fraction = s.getDouble("split");
                if (!(fraction > 0 && fraction < 1)) {
                    throw new OptionException(s.pathOf("split"), "expected a share in (0, 1), got " + fraction);
                }
                return new SourceConfig.Split(s.path(), fraction, s.has("seed") ? s.getInt("seed") : defaultSeed - 1);
            });
        }
        List<String> formats = formats();
        if (s.raw("format") == null) {
            errors.add(doc.error(new OptionException(s.pathOf("format"), "is required but missing; one of "
                    + String.join(", ", formats) + (allowSplit ? " (or give split: 0.1 to hold out training data)" : ""))));
            return null;
        }
        String format = attempt(() -> OptionReader.checkChoice(s, "format", s.getString("format"), formats));
        if (format == null) {
            return null;
        }
        return provided(s, format, defaultSeed);
    }

    /** Every data format: the built-in ones (idx, csv, synthetic, text, ...), then those of plugins. */
    private List<String> formats() {
        return components.dataSources().names();
    }

    /** A source of a provider's format: its options are checked by their docs, then by the provider. */
    private SourceConfig provided(Options s, String format, long defaultSeed) {
        DataSourceProvider provider = components.dataSources().get(format, s.pathOf("format"));
        List<OptionSpec> specs = new ArrayList<>(List.of(FORMAT));
        specs.addAll(provider.options());
        if (!section(s, specs, Set.of())) {
            return null;
        }
        Map<String, Object> own = new LinkedHashMap<>(s.asMap());
        own.remove("format");
        FolderContext context = new FolderContext(doc.folder(), defaultSeed);
        return attempt(() -> {
            DataSource source = components.dataSource(format, Options.of(s.path(), own), context);
            Map<String, Path> files = new LinkedHashMap<>();
            context.files().forEach((path, file) -> files.put(path.substring(s.path().length() + 1), file));
            return new SourceConfig.Provided(s.path(), format, source, files);
        });
    }

    private OptimizerConfig optimizer(Options root) {
        ComponentRef ref = ComponentRef.read(root, "optimizer");
        Options all = ref.options();
        // the optimizer's own keys and the shared ones, checked together so an unknown key is told all of them
        List<OptionSpec> accepted = new ArrayList<>(components.optimizers().get(ref.name(), root.pathOf("optimizer"))
                .options());
        OPTIMIZER_COMMON.stream().filter(o -> !o.name().equals("name")).forEach(accepted::add);
        List<OptionException> problems = SectionCheck.problems(all, accepted, Set.of());
        if (!problems.isEmpty()) {
            problems.subList(1, problems.size()).forEach(p -> errors.add(doc.error(p)));
            throw problems.get(0);
        }
        Map<String, Object> own = new LinkedHashMap<>(all.asMap());
        own.remove("schedule");
        own.remove("clip");
        own.remove("clip_norm");
        Options options = Options.of(all.path(), own);
        Optimizer optimizer = components.optimizer(ref.name(), options);
        Options clip = clipping(all);
        if (clip != null) {
            components.clipper(clip);
        }
        Options schedule = all.has("schedule") ? all.getOptions("schedule") : null;
        if (schedule != null) {
            // the run's length is known once the data is read; until then every length passes
            components.schedule(schedule, new ScheduleContext(optimizer.learningRate(), ScheduleContext.UNKNOWN_LENGTH));
        }
        return new OptimizerConfig(ref.name(), options, schedule, clip);
    }

    /** The clipping section: {@code clip}, or {@code clip_norm: x} read as {@code {type: norm, max_norm: x}}; null for none. */
    private static Options clipping(Options optimizer) {
        if (optimizer.has("clip") && optimizer.has("clip_norm")) {
            throw new OptionException(optimizer.pathOf("clip_norm"), "give either clip or clip_norm (short for"
                    + " clip: {type: norm, max_norm: ...}), not both");
        }
        if (optimizer.has("clip")) {
            return optimizer.getOptions("clip");
        }
        double clipNorm = optimizer.getDouble("clip_norm", 0);
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new OptionException(optimizer.pathOf("clip_norm"), "expected 0 (no clipping) or a positive number, got "
                    + clipNorm);
        }
        return clipNorm == 0 ? null : Options.of(optimizer.pathOf("clip_norm"), Map.of("type", "norm", "max_norm", clipNorm));
    }

    private TrainingConfig training(Options t, boolean hasValidation) {
        if (!section(t, TRAINING, Set.of())) {
            return null;
        }
        return attempt(() -> {
            OptionReader in = OptionReader.of(t, TRAINING);
            int epochs = atLeast(t, "epochs", in.integer("epochs"), 0);
            int batchSize = atLeast(t, "batch_size", in.integer("batch_size"), 0);
            double divergence = nonNegative(t, "divergence_factor", in.number("divergence_factor"));
            if (divergence != 0 && !(divergence > 1) || Double.isInfinite(divergence)) {
                throw new OptionException(t.pathOf("divergence_factor"), "must be 0 (off) or a finite number above 1, got "
                        + divergence);
            }
            int every = atLeast(t, "checkpoint_every", in.integer("checkpoint_every"), 0);
            TrainingConfig.EarlyStoppingConfig early = null;
            if (t.has("early_stopping")) {
                Options e = t.getOptions("early_stopping");
                List<OptionException> problems = SectionCheck.problems(e, EARLY_STOPPING, Set.of());
                if (!problems.isEmpty()) {
                    problems.subList(1, problems.size()).forEach(p -> errors.add(doc.error(p)));
                    throw problems.get(0);
                }
                OptionReader es = OptionReader.of(e, EARLY_STOPPING);
                String monitor = es.choice("monitor", List.of("val_loss", "val_accuracy"));
                int patience = atLeast(e, "patience", es.integer("patience"), 1);
                double minDelta = nonNegative(e, "min_delta", es.number("min_delta"));
                if (!hasValidation) {
                    throw new OptionException(t.pathOf("early_stopping"), "monitors " + monitor
                            + ", but data has no validation source (add data.validation, such as {split: 0.1})");
                }
                early = new TrainingConfig.EarlyStoppingConfig(monitor, patience, minDelta, es.flag("restore_best"));
            }
            TrainingConfig.CheckpointConfig kept = new TrainingConfig.CheckpointConfig(0, false, "val_loss");
            if (t.has("checkpoint")) {
                Options c = t.getOptions("checkpoint");
                List<OptionException> problems = SectionCheck.problems(c, CHECKPOINT, Set.of());
                if (!problems.isEmpty()) {
                    problems.subList(1, problems.size()).forEach(p -> errors.add(doc.error(p)));
                    throw problems.get(0);
                }
                OptionReader cr = OptionReader.of(c, CHECKPOINT);
                String monitor = c.has("monitor") ? cr.choice("monitor", List.of("val_loss", "val_accuracy"))
                        : early != null ? early.monitor() : "val_loss";
                boolean keepBest = cr.flag("keep_best");
                if (keepBest && !hasValidation) {
                    throw new OptionException(c.pathOf("keep_best"), "monitors " + monitor
                            + ", but data has no validation source (add data.validation, such as {split: 0.1})");
                }
                kept = new TrainingConfig.CheckpointConfig(atLeast(c, "keep_last", cr.integer("keep_last"), 0), keepBest,
                        monitor);
            }
            ImageAugmentation augmentation = t.has("augment") ? AugmentationCheck.read(t.getOptions("augment")) : null;
            return new TrainingConfig(epochs, batchSize, early, every, in.flag("stop_at_zero_errors"), in.flag("shuffle"),
                    divergence, kept, augmentation);
        });
    }

    /**
     * A layer that carries its state to the next batch needs batches that continue each other: no
     * shuffling, and a text laid out as as many streams as a batch has rows.
     */
    private static Void statefulInOrder(Model model, TrainingConfig training, Options train) {
        List<StatefulLayer> stateful = StatefulLayers.of(model);
        if (stateful.isEmpty() || training.batchSize() == 0) {
            return null;
        }
        String where = stateful.get(0).options().pathOf("stateful");
        if (training.shuffle()) {
            throw new OptionException(where, "a stateful layer carries its state from each batch to the next, which"
                    + " needs contiguous windows in order, but training.shuffle is true; set training.shuffle: false"
                    + " (and lay the text out as streams of the batch size, such as data.train.streams: "
                    + training.batchSize() + ")");
        }
        if (train != null && "text".equals(train.raw("format"))) {
            Object streams = train.raw("streams");
            if (!(streams instanceof Number n) || n.intValue() != training.batchSize()) {
                throw new OptionException(where, "a stateful layer carries its state from row r of each batch to row r"
                        + " of the next, so the text must be laid out as data.train.streams: " + training.batchSize()
                        + " (the batch size), " + (streams == null ? "not as windows in the text's order"
                        : "not " + streams));
            }
        }
        return null;
    }

    private static int atLeast(Options s, String key, int value, int min) {
        if (value < min) {
            throw new OptionException(s.pathOf(key), "expected " + (min == 0 ? "0 or more" : "at least " + min)
                    + ", got " + value);
        }
        return value;
    }

    private static double nonNegative(Options s, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new OptionException(s.pathOf(key), "expected a number >= 0, got " + value);
        }
        return value;
    }

    /** Checks keys and types of a section, recording every problem; true if there was none. */
    private boolean section(Options s, List<OptionSpec> specs, Set<String> componentKeys) {
        List<OptionException> problems = SectionCheck.problems(s, specs, componentKeys);
        problems.forEach(p -> errors.add(doc.error(p)));
        return problems.isEmpty();
    }

    /** Runs one check, recording its problem instead of stopping; null if it failed. */
    private <T> T attempt(Supplier<T> check) {
        try {
            return check.get();
        } catch (OptionException e) {
            errors.add(doc.error(e));
        } catch (ShapeMismatchException e) {
            errors.add(shapeError(e));
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(doc.source(), e.getMessage()));
        } catch (ComponentException e) {
            // a component's own code failed while it was built: its place leads the message
            errors.add(new ConfigError(e.path().isEmpty() ? doc.source() : doc.locate(e.path()), e.getMessage()));
        }
        return null;
    }

    /** A shape error of the model names the layer first, as {@code model.layers[2] (dense): ...}. */
    private ConfigError shapeError(ShapeMismatchException e) {
        Matcher m = LEADING_PATH.matcher(e.getMessage());
        return new ConfigError(m.find() ? doc.locate(m.group(1)) : doc.locate("model"), e.getMessage());
    }
}
