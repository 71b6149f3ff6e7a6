package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.registry.ComponentException;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigException;
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
                "INPUT is image files (neurite predict RUN a.png b.png), or one file of IDX samples, CSV rows of"
                        + " features, or JSON rows such as [[0, 1], [1, 1]]; the format follows the file name (.json,"
                        + " .csv, else IDX) unless --input-format says. Inputs are raw values: the pre-processing saved"
                        + " with the model (scale, normalisation) is applied to them, and classes are printed by name"
                        + " when the model names them.",
                "--format json or csv prints the predictions for programs.",
                "For a character model (trained on the text format, its vocabulary saved with it), INPUT is a UTF-8"
                        + " text and the most likely next characters after it are printed."})
public final class PredictCommand implements Callable<Integer> {

    private static final List<String> IMAGE_ENDINGS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder or a model JSON file.")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT",
            description = "Image files (PNG, JPEG, GIF, BMP), or one file of IDX samples, CSV or JSON rows.")
    List<Path> inputs;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "The input's format: idx, csv or json (default: from the file name).")
    String format;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "How predictions are printed: text, json or csv (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(names = "--scale", paramLabel = "S", description = "IDX: divide values by S (default 255 for bytes, else 1);"
            + " only for models saved without their pre-processing.")
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
            return PredictionInput.Format.of(inputs.get(0));
        }
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "idx" -> PredictionInput.Format.IDX;
            case "csv" -> PredictionInput.Format.CSV;
            case "json" -> PredictionInput.Format.JSON;
            default -> throw new ConfigException("--input-format",
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
                PrintWriter out = spec.commandLine().getOut();
                for (Path input : inputs) {
                    if (!Files.isRegularFile(input)) {
                        throw new ConfigException(input.toString(), "no such input file");
                    }
                }
                if (format == null && inputs.stream().allMatch(PredictCommand::isImage)) {
                    Predictions predictions = new Predictions(saved);
                    float[][] rows;
                    try {
                        rows = predictions.computeImages(inputs);
                    } catch (FileFormatException e) {
                        throw e; // a file that is not an image: the run failed, as with any unreadable data
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException("", e.getMessage());
                    }
                    predictions.print(rows, inputs.stream().map(Path::toString).toList(), OutputFormat.of(outputFormat),
                            out);
                    return ExitCodes.OK;
                }
                if (inputs.size() > 1) {
                    throw new ConfigException(inputs.get(1).toString(), "give one file of IDX samples, CSV or JSON"
                            + " rows, or image files (.png, .jpg, .jpeg, .gif, .bmp) only");
                }
                Path input = inputs.get(0);
                if (saved.vocabulary() != null && format == null) {
                    NextCharacters.print(saved, input, out);
                    return ExitCodes.OK;
                }
                Map<String, float[]> rows = PredictionInput.read(input, format(), saved.model().inputShapes(), idxScale(saved));
                Predictions predictions = new Predictions(saved);
                predictions.print(predictions.compute(rows), OutputFormat.of(outputFormat), out);
                return ExitCodes.OK;
            } catch (ComponentException c) {
                throw c.from(available.originOf(c));
            }
        } catch (Exception e) {
            return Failures.report(e, "predict", spec.commandLine().getErr());
        }
    }

    /**
     * IDX values are read raw when the model carries its pre-processing (which then scales them);
     * a model saved without it gets them scaled as {@code --scale} or the file type says.
     */
    private Double idxScale(SavedModel saved) {
        if (saved.preprocessing() == null) {
            return scale;
        }
        if (scale != null) {
            throw new ConfigException("--scale", "the model scales its inputs itself (its pre-processing: "
                    + saved.preprocessing().toJson() + "); give raw values without --scale");
        }
        return 1.0;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_ENDINGS.stream().anyMatch(name::endsWith);
    }
}
