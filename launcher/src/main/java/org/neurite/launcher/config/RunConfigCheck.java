package org.neurite.launcher.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.ComponentRef;
import org.neurite.engine.registry.Components;

/**
 * Checks a whole run config before anything runs and turns it into a {@link RunConfig}:
 * unknown keys at every level (with the closest known name), missing and mistyped values,
 * values out of range, unknown component names, a model whose layers do not fit together
 * (it is built, as the run will build it), and data files that do not exist. Every problem
 * found is reported, each in one line with its file and line. The sections have checks of
 * their own ({@link SourceCheck}, {@link OptimizerCheck}, {@link TrainingCheck},
 * {@link SparkCheck}); the keys they accept are {@link ConfigKeys}.
 */
public final class RunConfigCheck {

    /** The longest run name: its folder adds a timestamp, and file names end at 255 bytes. */
    static final int MAX_NAME = 100;
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final ConfigDocument doc;
    private final Components components;
    private final Problems problems;
    private final boolean withData;

    private RunConfigCheck(ConfigDocument doc, Components components, boolean withData) {
        this.doc = doc;
        this.components = components;
        this.problems = new Problems(doc);
        this.withData = withData;
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
        return new RunConfigCheck(doc, components, true).run();
    }

    /**
     * Checks a config that was checked whole before, except its data sources, which are neither
     * created nor read: for a Spark executor that receives the data from the driver, and may not
     * see the files it was read from. The config it gives has no data sources.
     *
     * @param doc the config as checked on the driver
     * @param components where layer types, losses, optimizers and the rest are looked up
     * @return the checked config, without data sources
     * @throws ConfigException listing every problem found
     */
    public static RunConfig checkWithoutData(ConfigDocument doc, Components components) {
        return new RunConfigCheck(doc, components, false).run();
    }

    private RunConfig run() {
        Options root = doc.options();
        boolean rootOk = problems.section(root, ConfigKeys.ROOT, Set.of("loss", "optimizer"));
        String name = problems.attempt(() -> runName(root));
        Integer seedValue = problems.attempt(() -> root.getInt("seed", 0));
        long seed = seedValue == null ? 0 : seedValue;

        SourceConfig train = null;
        SourceConfig validation = null;
        SourceConfig test = null;
        if (withData && root.raw("data") instanceof Map<?, ?>) {
            Options data = root.getOptions("data");
            // classes may name classes by numbers too ([0, 1] in YAML), which STRINGS refuses: DataOptions.read checks it
            Map<String, Object> typed = new LinkedHashMap<>(data.asMap());
            typed.remove(DataOptions.CLASSES);
            if (problems.section(Options.of(data.path(), typed), ConfigKeys.DATA, Set.of())) {
                problems.attempt(() -> DataOptions.read(data));
                SourceCheck sources = new SourceCheck(problems, components);
                train = sources.source(data.getOptions("train"), false, seed);
                validation = data.has("validation") ? sources.source(data.getOptions("validation"), true, seed + 1) : null;
                test = data.has("test") ? sources.source(data.getOptions("test"), false, seed + 2) : null;
            }
        }
        Options model = root.raw("model") instanceof Map<?, ?> ? root.getOptions("model") : null;
        Model built = model == null ? null : problems.attempt(() -> Model.fromOptions(model, components, seed));
        ComponentRef loss = root.has("loss") ? problems.attempt(() -> {
            ComponentRef ref = ComponentRef.read(root, "loss");
            components.loss(ref.name(), ref.options());
            return ref;
        }) : null;
        OptimizerConfig optimizer = root.has("optimizer")
                ? problems.attempt(() -> OptimizerCheck.check(root, components, problems)) : null;
        TrainingConfig training = TrainingCheck.check(root.raw("training") instanceof Map<?, ?>
                ? root.getOptions("training") : Options.of("training", Map.of()), validation != null
                || !withData && root.raw("data") instanceof Map<?, ?> data && data.containsKey("validation"), problems);
        SparkConfig spark = SparkCheck.check(root.raw("spark") instanceof Map<?, ?> ? root.getOptions("spark") : null,
                problems);
        if (built != null && training != null) {
            Options trainOptions = train instanceof SourceConfig.Provided ? root.getOptions("data").getOptions("train")
                    : null;
            problems.attempt(() -> TrainingCheck.statefulInOrder(built, training, trainOptions));
        }
        if (optimizer == null && !root.has("optimizer") && training != null && training.epochs() > 0) {
            problems.add(new OptionException("optimizer", "is required but missing (training.epochs is "
                    + training.epochs() + "; give 0 to only measure the model as built)"));
        }
        if (built != null && training != null) {
            long samples = samples(train, root);
            problems.attempt(() -> RunMemory.check(built, training.batchSize(), samples));
        }
        if (!problems.isEmpty() || !rootOk) {
            throw new ConfigException(problems.all());
        }
        return new RunConfig(doc, name, seed, train, validation, test, model, loss, optimizer, training, spark);
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
}
