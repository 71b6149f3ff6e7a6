package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.engine.data.Dataset;
import org.neurite.engine.generate.GreedyDecoder;
import org.neurite.engine.io.Json;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.run.Failures;
import org.neurite.launcher.run.SavedModel;
import org.neurite.launcher.run.data.DataPart;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurite decode}: greedy decoding of an encoder-decoder model, measured by exact match. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decodes a data set greedily with a trained encoder-decoder model (one trained with teacher"
                + " forcing on a sequence-to-sequence source such as digit_strings): the decoder starts from the start"
                + " token and feeds back its likeliest token until the end token. Prints the share of sequences"
                + " decoded exactly as their target, and a few of them.",
                "MODEL is a run folder or a model.json; the data is a source of a run config (--data, by default its"
                        + " test source; a run folder's own config when no data is given)."})
public final class DecodeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder or a model JSON file.")
    Path model;

    @Option(names = "--data", paramLabel = "CONFIG", description = "A run config whose data to decode.")
    Path config;

    @Option(names = "--source", paramLabel = "PART", defaultValue = "test",
            description = "test, validation or train (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides a value of the run config (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "Sequences decoded side by side (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Spec
    CommandSpec spec;

    private final Provider<Components> components;

    /** Creates the command with the engine's built-in components, for use without plugins. */
    public DecodeCommand() {
        this(Components::builtIns);
    }

    /**
     * @param components every component available; asked for only when the command runs, after plugins load
     */
    @Inject
    public DecodeCommand(Provider<Components> components) {
        this.components = components;
    }

    @Override
    public Integer call() {
        try {
            if (batchSize < 1) {
                throw new ConfigException("--batch-size", "expected a positive number of sequences, got " + batchSize);
            }
            SavedModel saved = SavedModel.load(model, components.get());
            GreedyDecoder decoder = decoder(saved);
            Dataset data = data(saved);
            GreedyDecoder.Result result = decoder.evaluate(data, batchSize);
            PrintWriter out = spec.commandLine().getOut();
            out.println("model " + saved.file());
            out.printf(Locale.ROOT, "exact match %.4f (%d of %d sequences, greedy decoding)%n", result.exactMatch(),
                    result.exactMatches(), result.samples());
            for (GreedyDecoder.Example e : result.examples()) {
                out.println("  " + tokens(e.source()) + "  ->  " + tokens(e.decoded())
                        + (Arrays.equals(e.expected(), e.decoded()) ? "" : "   (expected " + tokens(e.expected()) + ")"));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (Exception e) {
            return Failures.report(e, "decode", spec.commandLine().getErr());
        }
    }

    private static GreedyDecoder decoder(SavedModel saved) throws java.io.IOException {
        Object json = Json.read(saved.file());
        Object settings = json instanceof Map<?, ?> map ? map.get(GreedyDecoder.KEY) : null;
        try {
            return new GreedyDecoder(saved.model(), GreedyDecoder.Settings.fromInfo(settings));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(saved.file().toString(), "cannot decode with this model: " + e.getMessage());
        }
    }

    private Dataset data(SavedModel saved) throws java.io.IOException {
        Path file = config != null ? config : saved.runFolder() != null ? saved.runFolder().config() : null;
        if (file == null) {
            throw new ConfigException(model.toString(), "is a model file: give its data with --data CONFIG");
        }
        RunConfig run = RunConfig.load(file, overrides, components.get());
        return DataPart.load(run, file, source, "decode", saved.model(), saved.classNames()).data();
    }

    private static String tokens(int[] ids) {
        return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }
}
