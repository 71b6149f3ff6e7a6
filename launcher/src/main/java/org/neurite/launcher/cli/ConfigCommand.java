package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigReference;
import org.neurite.launcher.inject.CommandOutput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neurite config}: the run config language; {@code neurite config reference} prints its whole reference. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"About run configs (YAML or JSON): the top-level keys are name, seed, data, model, loss,"
                + " optimizer, training and spark.",
                "'neurite config reference' prints every key of every section with its type, default and meaning,"
                        + " including the options of each layer type, loss, optimizer, schedule, clipping and data"
                        + " format (those of installed plugins too); docs/config.md is the same text for the"
                        + " built-in components.",
                "'neurite train CONFIG --print-config' shows a config with every default filled in."},
        subcommands = ConfigCommand.Reference.class)
public final class ConfigCommand implements Callable<Integer> {

    private final CommandOutput output;

    @Spec
    private CommandSpec spec;

    /** @param output where the usage goes */
    @Inject
    public ConfigCommand(CommandOutput output) {
        this.output = output;
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(output.err());
        return ExitCodes.USAGE;
    }

    /** {@code neurite config reference}: the reference in Markdown. */
    @Command(name = "reference", mixinStandardHelpOptions = true,
            description = "Prints the run config reference (Markdown): every key of every section, generated from"
                    + " the specs the config check uses.")
    public static final class Reference implements Callable<Integer> {

        private final Provider<Components> components;
        private final CommandOutput output;

        /**
         * @param components the components to document, plugins loaded when the command runs
         * @param output where the reference goes
         */
        @Inject
        public Reference(Provider<Components> components, CommandOutput output) {
            this.components = components;
            this.output = output;
        }

        @Override
        public Integer call() {
            PrintWriter out = output.out();
            out.print(ConfigReference.markdown(components.get()));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
