package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.engine.generate.Sampling;
import org.neurite.engine.generate.TextGenerator;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.run.Failures;
import org.neurite.launcher.run.SavedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurite generate}: streams text from a trained character-level model, one character at a time. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Continues a prompt with text drawn from a trained character-level model (one trained on a"
                + " text source, whose model.json holds its vocabulary), printing each character as it is drawn.",
                "Recurrent layers carry their state and attention layers their cache from character to character,"
                        + " so every character costs the same."})
public final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder or a model JSON file.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT",
            description = "The start of the text (at least one character of the model's vocabulary).")
    String prompt;

    @Option(names = "--length", paramLabel = "N", defaultValue = "500", description = "Characters to generate (default 500).")
    int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Above 0: below 1 keeps to likelier characters, above 1 ventures further (default 1).")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
            description = "Draw only among the K likeliest characters; 0 for all (default).")
    int topK;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the draws (default 0).")
    long seed;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "0",
            description = "First run the generation on N throwaway characters, so that the JIT has compiled it before"
                    + " the real text (default 0: none). The text is the same either way.")
    int warmUp;

    @Option(names = "--timing", description = "Print on stderr how long the generation loop took after the prompt"
            + " pass (characters per second) and how long the whole command took from the process's start.")
    boolean timing;

    @Spec
    CommandSpec spec;

    private final Provider<Components> components;

    /** Creates the command with the engine's built-in components, for use without plugins. */
    public GenerateCommand() {
        this(Components::builtIns);
    }

    /**
     * @param components every layer type available; asked for only when the command runs, after plugins load
     */
    @Inject
    public GenerateCommand(Provider<Components> components) {
        this.components = components;
    }

    @Override
    public Integer call() {
        try {
            Sampling sampling = sampling();
            if (length < 0) {
                throw new ConfigException("--length", "must be 0 or more, got " + length);
            }
            if (warmUp < 0) {
                throw new ConfigException("--warm-up", "must be 0 or more, got " + warmUp);
            }
            SavedModel saved = SavedModel.load(model, components.get());
            TextGenerator generator = generator(saved);
            GenerationTiming clock = new GenerationTiming();
            int warmed = warmUp == 0 ? 0 : generator.warmUp(warmUp, WARM_UP_LIMIT);
            clock.warmedUp();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int characters = prompt.codePointCount(0, prompt.length());
            if (generator.context() > 0 && characters > generator.context()) {
                err.println("note: the prompt's " + characters + " characters exceed the model's context of "
                        + generator.context() + "; it reads the last " + generator.context());
                err.flush();
            }
            clock.promptStarts();
            // The prompt is printed once the generator has taken it (with the first character drawn, or at the
            // end), so that a prompt it refuses leaves nothing half-written on the output.
            boolean[] promptPrinted = {false};
            try {
                generator.generate(prompt, length, sampling, token -> {
                    clock.drawn();
                    if (!promptPrinted[0]) {
                        out.print(prompt);
                        promptPrinted[0] = true;
                    }
                    out.print(token);
                    out.flush();
                });
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--prompt", e.getMessage());
            }
            clock.done();
            if (!promptPrinted[0]) {
                out.print(prompt);
            }
            out.println();
            out.flush();
            if (timing) {
                clock.report(err, length, warmed);
                err.flush();
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            return Failures.report(e, "generate", spec.commandLine().getErr());
        }
    }

    /** The longest a {@code --warm-up} may take, however slow the machine. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(10);

    private Sampling sampling() {
        try {
            return new Sampling(temperature, topK, seed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().startsWith("top-k") ? "--top-k" : "--temperature", e.getMessage());
        }
    }

    private TextGenerator generator(SavedModel saved) {
        if (saved.vocabulary() == null) {
            throw new ConfigException(saved.file().toString(), "not a character-level model: it holds no vocabulary"
                    + " (generate takes models trained on a text source)");
        }
        try {
            return new TextGenerator(saved.model(), saved.vocabulary().tokens());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(saved.file().toString(), "cannot generate from this model: " + e.getMessage());
        }
    }
}
