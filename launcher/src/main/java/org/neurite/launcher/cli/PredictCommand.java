package org.neurite.launcher.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.engine.registry.ComponentException;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.run.Failures;
import org.neurite.launcher.run.NextCharacters;
import org.neurite.launcher.run.OutputFormat;
import org.neurite.launcher.run.PredictionInput;
import org.neurite.launcher.run.Predictions;
import org.neurite.launcher.run.SavedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurite predict}: runs a trained model on inputs and prints class and probabilities per row. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Runs a trained model on inputs and prints, per row, the class and the class probabilities"
                + " (softmax of the output for a model trained with cross_entropy).",
                "INPUT is IDX samples (such as images), CSV rows of features, or JSON rows such as [[0, 1], [1, 1]];"
                        + " the format follows the file name (.json, .csv, else IDX) unless --input-format says.",
                "--format json or csv prints the predictions for programs.",
                "For a character model (trained on the text format, its vocabulary saved with it), INPUT is a UTF-8"
                        + " text and the most likely next characters after it are printed."})
public final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder or a model JSON file.")
    Path model;

    @Parameters(index = "1", paramLabel = "INPUT", description = "The inputs: IDX, CSV or JSON rows.")
    Path input;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "The input's format: idx, csv or json (default: from the file name).")
    String format;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "How predictions are printed: text, json or csv (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(names = "--scale", paramLabel = "S", description = "IDX: divide values by S (default 255 for bytes, else 1).")
    Double scale;

    @Spec
    CommandSpec spec;

    private final Provider<Components> components;

    /** Creates the command with the engine's built-in components, for use without plugins. */
    public PredictCommand() {
        this(Components::builtIns);
    }

    /**
     * @param components every layer type, activation, loss, optimizer and initializer available; asked for only
     *     when the command runs, so that plugins load after the command line is read
     */
    @Inject
    public PredictCommand(Provider<Components> components) {
        this.components = components;
    }

    private PredictionInput.Format format() {
        if (format == null) {
            return PredictionInput.Format.of(input);
        }
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "idx" -> PredictionInput.Format.IDX;
            case "csv" -> PredictionInput.Format.CSV;
            case "json" -> PredictionInput.Format.JSON;
            default -> throw new org.neurite.launcher.config.ConfigException("--input-format",
                    "expected idx, csv or json, got \"" + format + "\"");
        };
    }

    @Override
    public Integer call() {
        try {
            Components available = components.get();
            OutputFormat.of(outputFormat);
            SavedModel saved = SavedModel.load(model, available);
            try {
                if (saved.vocabulary() != null && format == null) {
                    NextCharacters.print(saved, input, spec.commandLine().getOut());
                    return ExitCodes.OK;
                }
                Map<String, float[]> rows = PredictionInput.read(input, format(), saved.model().inputShapes(), scale);
                Predictions predictions = new Predictions(saved.model(), saved.loss());
                predictions.print(predictions.compute(rows), OutputFormat.of(outputFormat), spec.commandLine().getOut());
                return ExitCodes.OK;
            } catch (ComponentException c) {
                throw c.from(available.originOf(c));
            }
        } catch (Exception e) {
            return Failures.report(e, "predict", spec.commandLine().getErr());
        }
    }
}
