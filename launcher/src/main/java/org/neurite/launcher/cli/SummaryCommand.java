package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.api.Shape;
import org.neurite.engine.io.Json;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.ModelSummary;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.inject.CommandOutput;
import org.neurite.launcher.run.Failures;
import org.neurite.launcher.run.SavedModel;
import org.neurite.launcher.run.data.DataFit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurite summary CONFIG|RUN}: a model layer by layer, from a run config or a trained model. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Shows a model layer by layer: each layer's place, type, output shape (per sample, without"
                + " the batch axis) and number of parameters, then the totals.",
                "SOURCE is a run config (the model is built as training would build it, nothing is trained),"
                        + " a run folder or a model JSON file."})
public final class SummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A run config, a run folder or a model JSON file.")
    Path source;

    @Spec
    CommandSpec spec;

    private final Provider<Components> components;
    private final CommandOutput output;

    /**
     * @param components the registries, built (and plugins loaded) when the command runs
     * @param output where the summary goes
     */
    @Inject
    public SummaryCommand(Provider<Components> components, CommandOutput output) {
        this.components = components;
        this.output = output;
    }

    @Override
    public Integer call() {
        try {
            Model model = isSavedModel(source) ? SavedModel.load(source, components.get()).model()
                    : RunConfig.load(source, List.of(), components.get()).buildModel(components.get());
            print(model, output.out());
            return ExitCodes.OK;
        } catch (Exception e) {
            return Failures.report(e, "summary", spec.commandLine().getErr());
        }
    }

    /** A run folder, or a JSON file in the model format (a run config may be JSON too). */
    private static boolean isSavedModel(Path path) throws java.io.IOException {
        if (Files.isDirectory(path)) {
            return true;
        }
        if (!path.toString().toLowerCase(Locale.ROOT).endsWith(".json") || !Files.isRegularFile(path)) {
            return false;
        }
        return Json.read(path) instanceof Map<?, ?> json && json.containsKey("format") && json.containsKey("weights");
    }

    static void print(Model model, PrintWriter out) {
        Map<String, Shape> inputs = model.inputShapes();
        out.println("input " + (inputs.size() == 1 ? inputs.values().iterator().next() : DataFit.describe(inputs)));
        TextTable table = new TextTable("LAYER", "TYPE", "OUTPUT SHAPE", "PARAMETERS");
        List<ModelSummary.Row> rows = ModelSummary.rows(model);
        for (ModelSummary.Row row : rows) {
            table.row(row.name(), row.type(), row.outputShape(), String.format(Locale.ROOT, "%,d", row.parameters()));
        }
        table.print(out, "");
        long total = ModelSummary.count(model);
        long trainable = 0;
        for (var p : model.parameters().values()) {
            trainable += p.trainable() ? p.shape().size() : 0;
        }
        List<String> totals = new ArrayList<>();
        totals.add(String.format(Locale.ROOT, "%,d parameters", total));
        if (trainable != total) {
            totals.add(String.format(Locale.ROOT, "%,d trainable", trainable));
        }
        totals.add(String.format(Locale.ROOT, "%.1f KiB of float32 weights", total * 4 / 1024.0));
        out.println(String.join(", ", totals));
        out.flush();
    }
}
