package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.api.SampleSet;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.source.CsvSource;
import org.neurite.engine.data.source.IdxSource;
import org.neurite.engine.registry.ComponentException;
import org.neurite.engine.io.Json;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.Evaluator;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.run.EvaluationReport;
import org.neurite.launcher.run.Failures;
import org.neurite.launcher.run.OutputFormat;
import org.neurite.launcher.run.SavedModel;
import org.neurite.launcher.run.data.ClassNames;
import org.neurite.launcher.run.data.DataFit;
import org.neurite.launcher.run.data.DataPart;
import org.neurite.launcher.run.data.RunData;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurite evaluate}: measures a trained model on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measures a trained model on labelled data: accuracy, per-class precision and recall,"
                + " and the confusion matrix; for targets per step (sequence models), token accuracy, loss and"
                + " perplexity.",
                "MODEL is a run folder or a model.json. The data is a source of a run config (--data, by default"
                        + " its test source; a run folder's own config when no data is given), IDX files"
                        + " (--images, --labels) or a CSV file (--csv)."})
public final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder or a model JSON file.")
    Path model;

    @ArgGroup(exclusive = true)
    DataChoice data;

    @Option(names = "--checkpoint", paramLabel = "NAME",
            description = "With a run folder: measure the weights of a checkpoint instead of the final model,"
                    + " such as epoch-005 (or 5, or latest); works before the run has finished.")
    String checkpoint;

    @Option(names = "--source", paramLabel = "PART", defaultValue = "test",
            description = "With a run config: test, validation or train (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides a value of the run config (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "S", description = "IDX: divide values by S (default 255 for bytes, else 1).")
    Double scale;

    @Option(names = "--label", paramLabel = "COLUMN", description = "CSV: the label column, by name or index (default: the last).")
    String label;

    @Option(names = "--no-header", description = "CSV: the first line is data, not column names.")
    boolean noHeader;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "Samples per pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json (one document) or csv (measure,class,value rows) (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Spec
    CommandSpec spec;

    private final Provider<Components> components;

    /** Where the data comes from: one of a run config, IDX files or a CSV file. */
    static final class DataChoice {
        @Option(names = "--data", paramLabel = "CONFIG", required = true, description = "A run config whose data to use.")
        Path config;

        @ArgGroup(exclusive = false)
        IdxFiles idx;

        @Option(names = "--csv", paramLabel = "FILE", required = true, description = "A CSV file of features and a label.")
        Path csv;
    }

    /** A pair of IDX files. */
    static final class IdxFiles {
        @Option(names = "--images", paramLabel = "FILE", required = true, description = "IDX images.")
        Path images;

        @Option(names = "--labels", paramLabel = "FILE", required = true, description = "IDX labels.")
        Path labels;
    }

    /** Creates the command with the engine's built-in components, for use without plugins. */
    public EvaluateCommand() {
        this(Components::builtIns);
    }

    /**
     * @param components every layer type, activation, loss, optimizer and initializer available; asked for only
     *     when the command runs, so that plugins load after the command line is read
     */
    @Inject
    public EvaluateCommand(Provider<Components> components) {
        this.components = components;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (batchSize < 1) {
                throw new ConfigException("--batch-size", "expected a positive number of samples, got " + batchSize);
            }
            OutputFormat format = OutputFormat.of(outputFormat);
            Components available = components.get();
            SavedModel saved = checkpoint == null ? SavedModel.load(model, available)
                    : SavedModel.load(model, checkpoint, available);
            Labelled labelled = data(saved);
            Dataset measured = labelled.normalized || saved.preprocessing() == null ? labelled.data
                    : RunData.normalized(labelled.data, saved.preprocessing());
            Evaluation e;
            try {
                e = new Evaluator(saved.model(), saved.loss(), batchSize).evaluate(measured);
            } catch (ComponentException c) {
                throw c.from(available.originOf(c));
            }
            List<String> classNames = saved.classNames();
            switch (format) {
                case JSON -> {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("model", saved.file().toString());
                    doc.put("data", labelled.description);
                    doc.putAll(EvaluationReport.measures(e, classNames));
                    out.println(Json.write(doc));
                }
                case CSV -> out.print(EvaluationReport.csv(e, classNames));
                default -> {
                    out.println("model " + saved.file());
                    out.println("data  " + labelled.description + ": " + e.samples() + " samples");
                    out.println(EvaluationReport.summary(e));
                    String details = EvaluationReport.details(e, classNames);
                    if (!details.isEmpty()) {
                        out.println();
                        out.println(details);
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        } catch (Exception e) {
            return Failures.report(e, "evaluate", spec.commandLine().getErr());
        }
    }

    /** Labelled data as its source reads it; {@code normalized} if the model's normalisation is applied already. */
    private record Labelled(Dataset data, String description, boolean normalized) {
    }

    private Labelled data(SavedModel saved) throws java.io.IOException {
        if (data != null && data.idx != null) {
            IdxSource idx = new IdxSource(existing(data.idx.images, "--images"), existing(data.idx.labels, "--labels"),
                    scale);
            return new Labelled(DataFit.fit(idx.read(), saved.model(), "--images", "--images"),
                    data.idx.images.toString(), false);
        }
        if (data != null && data.csv != null) {
            int index = -1;
            String name = null;
            if (label != null && label.matches("\\d+")) {
                index = Integer.parseInt(label);
            } else {
                name = label;
            }
            CsvSource csv = new CsvSource(existing(data.csv, "--csv"), name, index, !noHeader, ',');
            SampleSet samples = ClassNames.aligned(csv.read(), saved.classNames(), "--csv", "--csv");
            return new Labelled(DataFit.fit(samples, saved.model(), "--csv", "--csv"), data.csv.toString(), false);
        }
        Path configFile = data != null ? data.config
                : saved.runFolder() != null ? saved.runFolder().config() : null;
        if (configFile == null) {
            throw new ConfigException(model.toString(), "is a model file: give its data with --data CONFIG,"
                    + " --images FILE --labels FILE, or --csv FILE");
        }
        RunConfig config = RunConfig.load(configFile, overrides, components.get());
        DataPart part = DataPart.load(config, configFile, source, "evaluate on", saved.model(), saved.classNames());
        return new Labelled(part.data(), part.source().path() + " of " + configFile, part.normalized());
    }

    private static Path existing(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(option, "no such file: " + file);
        }
        return file;
    }
}
