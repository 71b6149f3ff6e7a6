package org.neurite.launcher.config;

import java.nio.file.Files;
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
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.data.source.FolderContext;
import org.neurite.engine.nn.Model;
import org.neurite.engine.options.OptionReader;
import org.neurite.engine.registry.ComponentException;
import org.neurite.engine.registry.ComponentRef;
import org.neurite.engine.registry.Components;

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
                    "The test data source, measured once after training."));

    private static final OptionSpec FORMAT = OptionSpec.required("format", OptionType.STRING,
            "The kind of source: idx, csv, synthetic, or a data format such as text, sequences or windows.");

    private static final Map<String, List<OptionSpec>> FORMATS = Map.of(
            "idx", List.of(FORMAT,
                    OptionSpec.required("images", OptionType.STRING, "The IDX images file, gzipped or plain."),
                    OptionSpec.required("labels", OptionType.STRING, "The IDX labels file, gzipped or plain."),
                    OptionSpec.optional("scale", OptionType.NUMBER, null,
                            "Every value is divided by this; default 255 for unsigned bytes, else 1.")),
            "csv", List.of(FORMAT,
                    OptionSpec.required("path", OptionType.STRING, "The CSV file."),
                    OptionSpec.optional("label", OptionType.STRING, null,
                            "The label column: its header name or its index from 0; default the last column."),
                    OptionSpec.optional("header", OptionType.BOOLEAN, true, "Whether the first line names the columns."),
                    OptionSpec.optional("delimiter", OptionType.STRING, ",", "The character between fields.")),
            "synthetic", List.of(FORMAT,
                    OptionSpec.required("name", OptionType.STRING, "xor, and, or, nand, not, spirals, blobs or masked_majority.")));

    /** The generated sets, truth tables first. */
    public static final List<String> SYNTHETIC = List.of("xor", "and", "or", "nand", "not", "spirals", "blobs",
            "masked_majority");

    private static final OptionSpec SAMPLES = OptionSpec.optional("samples", OptionType.INTEGER, 200,
            "The number of samples, at least 1.");
    private static final OptionSpec SOURCE_SEED = OptionSpec.optional("seed", OptionType.INTEGER, null,
            "Seed of the draws; default the run's seed (plus 1 for validation, 2 for test).");
    private static final List<OptionSpec> SPIRALS = List.of(FORMAT, FORMATS.get("synthetic").get(1), SAMPLES,
            OptionSpec.optional("noise", OptionType.NUMBER, 0.1, "Standard deviation of the noise, >= 0."), SOURCE_SEED);
    private static final List<OptionSpec> BLOBS = List.of(FORMAT, FORMATS.get("synthetic").get(1), SAMPLES,
            OptionSpec.optional("classes", OptionType.INTEGER, 2, "The number of blobs (classes), at least 2."),
            OptionSpec.optional("dims", OptionType.INTEGER, 2, "The number of features, at least 2."),
            OptionSpec.optional("noise", OptionType.NUMBER, 0.5,
                    "Standard deviation of each coordinate around its blob's centre, >= 0."),
            SOURCE_SEED);

    private static final List<OptionSpec> MASKED_MAJORITY = List.of(FORMAT, FORMATS.get("synthetic").get(1), SAMPLES,
            OptionSpec.optional("steps", OptionType.INTEGER, 16, "The length of every token sequence, at least 1."),
            SOURCE_SEED);

    private static final List<OptionSpec> SPLIT = List.of(
            OptionSpec.required("split", OptionType.NUMBER, "The share of the training data held out, in (0, 1)."),
            OptionSpec.optional("seed", OptionType.INTEGER, null, "Seed of the random choice; default the run's seed."));

    /** The keys of {@code training}. */
    public static final List<OptionSpec> TRAINING = List.of(
            OptionSpec.optional("epochs", OptionType.INTEGER, 10,
                    "Passes over the training data; 0 trains nothing and only measures the model as built."),
            OptionSpec.optional("batch_size", OptionType.INTEGER, 32, "Samples per update; 0 for full batches."),
            OptionSpec.optional("shuffle", OptionType.BOOLEAN, true,
                    "Shuffle the minibatches every epoch (full batches are never shuffled); must be true."),
            OptionSpec.optional("early_stopping", OptionType.MAP, null,
                    "Stop when validation stops improving: {monitor: val_loss, patience: 3, min_delta: 0.0}."),
            OptionSpec.optional("checkpoint_every", OptionType.INTEGER, 1,
                    "Save a checkpoint after every this many epochs (and after the last); 0 for none."),
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
            OptionSpec.optional("min_delta", OptionType.NUMBER, 0.0, "The smallest change that counts, >= 0."));

    private static final Pattern LEADING_PATH = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*(?:\\[\\d+]|\\.[A-Za-z_][A-Za-z0-9_]*)*)");
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
            if (section(data, DATA, Set.of())) {
                train = source(data.getOptions("train"), false, seed);
                validation = data.has("validation") ? source(data.getOptions("validation"), true, seed + 1) : null;
                test = data.has("test") ? source(data.getOptions("test"), false, seed + 2) : null;
            }
        }
        Options model = root.raw("model") instanceof Map<?, ?> ? root.getOptions("model") : null;
        if (model != null) {
            attempt(() -> Model.fromOptions(model, components, seed));
        }
        ComponentRef loss = root.has("loss") ? attempt(() -> {
            ComponentRef ref = ComponentRef.read(root, "loss");
            components.loss(ref.name(), ref.options());
            return ref;
        }) : null;
        OptimizerConfig optimizer = root.has("optimizer") ? attempt(() -> optimizer(root)) : null;
        TrainingConfig training = training(root.raw("training") instanceof Map<?, ?> ? root.getOptions("training")
                : Options.of("training", Map.of()), validation != null);
        if (optimizer == null && !root.has("optimizer") && training != null && training.epochs() > 0) {
            errors.add(doc.error(new OptionException("optimizer", "is required but missing (training.epochs is "
                    + training.epochs() + "; give 0 to only measure the model as built)")));
        }
        if (!errors.isEmpty() || !rootOk) {
            throw new ConfigException(errors);
        }
        return new RunConfig(doc, name, seed, train, validation, test, model, loss, optimizer, training);
    }

    private String runName(Options root) {
        String name = root.getString("name", null);
        if (name == null) {
            String file = Path.of(doc.source()).getFileName().toString();
            int dot = file.lastIndexOf('.');
            name = dot > 0 ? file.substring(0, dot) : file;
            return RUN_NAME.matcher(name).matches() ? name : "run";
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
        return switch (format) {
            case "idx" -> section(s, FORMATS.get("idx"), Set.of()) ? idx(s) : null;
            case "csv" -> section(s, FORMATS.get("csv"), Set.of("label")) ? csv(s) : null;
            case "synthetic" -> synthetic(s, defaultSeed);
            default -> provided(s, format, defaultSeed);
        };
    }

    /** The formats the launcher reads itself, then those of data source providers (built in or from plugins). */
    private List<String> formats() {
        List<String> formats = new ArrayList<>(List.of("idx", "csv", "synthetic"));
        formats.addAll(components.dataSources().names());
        return formats;
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

    private SourceConfig idx(Options s) {
        Path images = existingFile(s, "images");
        Path labels = existingFile(s, "labels");
        Double scale = attempt(() -> {
            if (!s.has("scale")) {
                return null;
            }
            double v = s.getDouble("scale");
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new OptionException(s.pathOf("scale"), "expected a positive number, got " + v);
            }
            return v;
        });
        if (images == null || labels == null || (s.has("scale") && scale == null)) {
            return null;
        }
        return new SourceConfig.Idx(s.path(), images, labels, scale);
    }

    private SourceConfig csv(Options s) {
        Path file = existingFile(s, "path");
        return attempt(() -> {
            Object label = s.raw("label");
            String labelName = null;
            int labelIndex = -1;
            if (label instanceof String text) {
                labelName = text;
            } else if (label != null) {
                labelIndex = s.getInt("label");
                if (labelIndex < 0) {
                    throw new OptionException(s.pathOf("label"), "expected a column index from 0 or a column name, got "
                            + labelIndex);
                }
            }
            boolean header = s.getBoolean("header", true);
            if (labelName != null && !header) {
                throw new OptionException(s.pathOf("label"), "a label column named \"" + labelName
                        + "\" needs a header line (header: true), or give its index");
            }
            String delimiter = s.getString("delimiter", ",");
            if (delimiter.length() != 1 || delimiter.equals("\"")) {
                throw new OptionException(s.pathOf("delimiter"), "expected one character other than a quote, got \""
                        + delimiter + "\"");
            }
            if (file == null) {
                return null;
            }
            return new SourceConfig.Csv(s.path(), file, labelName, labelIndex, header, delimiter.charAt(0));
        });
    }

    private SourceConfig synthetic(Options s, long defaultSeed) {
        if (!(s.raw("name") instanceof String)) {
            section(s, FORMATS.get("synthetic"), Set.of());
            return null;
        }
        String name = attempt(() -> OptionReader.checkChoice(s, "name", s.getString("name"), SYNTHETIC));
        if (name == null) {
            return null;
        }
        List<OptionSpec> specs = switch (name) {
            case "spirals" -> SPIRALS;
            case "blobs" -> BLOBS;
            case "masked_majority" -> MASKED_MAJORITY;
            default -> FORMATS.get("synthetic");
        };
        if (!section(s, specs, Set.of())) {
            return null;
        }
        return attempt(() -> {
            OptionReader in = OptionReader.of(s, specs);
            boolean table = specs == FORMATS.get("synthetic");
            int samples = table ? 0 : atLeast(s, "samples", in.integer("samples"), 1);
            double noise = specs == SPIRALS || specs == BLOBS ? nonNegative(s, "noise", in.number("noise")) : 0;
            int classes = name.equals("blobs") ? atLeast(s, "classes", in.integer("classes"), 2) : 2;
            int dims = switch (name) {
                case "blobs" -> atLeast(s, "dims", in.integer("dims"), 2);
                case "masked_majority" -> atLeast(s, "steps", in.integer("steps"), 1);
                default -> 2;
            };
            long seed = s.has("seed") ? s.getInt("seed") : defaultSeed;
            return new SourceConfig.Synthetic(s.path(), name, samples, noise, classes, dims, seed);
        });
    }

    private Path existingFile(Options s, String key) {
        return attempt(() -> {
            Path file = doc.folder().resolve(s.getString(key)).normalize();
            if (!Files.isRegularFile(file)) {
                throw new OptionException(s.pathOf(key), "no such file: " + file);
            }
            return file;
        });
    }

    private OptimizerConfig optimizer(Options root) {
        ComponentRef ref = ComponentRef.read(root, "optimizer");
        Options all = ref.options();
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
            if (!in.flag("shuffle")) {
                throw new OptionException(t.pathOf("shuffle"), "false is not supported: the trainer shuffles"
                        + " minibatches every epoch (use batch_size: 0 for full batches in order)");
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
                early = new TrainingConfig.EarlyStoppingConfig(monitor, patience, minDelta);
            }
            ImageAugmentation augmentation = t.has("augment") ? AugmentationCheck.read(t.getOptions("augment")) : null;
            return new TrainingConfig(epochs, batchSize, early, every, in.flag("stop_at_zero_errors"), augmentation);
        });
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
