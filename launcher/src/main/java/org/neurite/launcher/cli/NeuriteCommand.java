package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import jakarta.inject.Inject;

import org.neurite.engine.tensor.MemoryBudget;
import org.neurite.launcher.inject.CommandOutput;
import org.neurite.launcher.inject.GuiceCommandFactory;
import org.neurite.launcher.inject.LaunchSettings;
import org.neurite.launcher.inject.LauncherModules;
import org.neurite.launcher.plugin.OneLineMessage;
import org.neurite.launcher.plugin.PluginFolders;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code neurite} command, its global options and its subcommands. Commands are
 * created by the launcher's Guice injector, so each declares what it needs in an
 * {@code @Inject} constructor. Errors are one line on the error output (with the stack trace
 * under {@code --debug}) and end with the exit code of {@link ExitCodes}.
 */
@Command(name = "neurite", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
        description = "Trains, evaluates and uses neural networks described in YAML or JSON run configs.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, GenerateCommand.class,
                DecodeCommand.class, PluginsCommand.class, LayersCommand.class, ConfigCommand.class, SummaryCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  a run failed", "  2  wrong command line or config; nothing was run"})
public final class NeuriteCommand implements Callable<Integer> {

    private final LaunchSettings settings;
    private final CommandOutput output;

    @Spec
    private CommandSpec spec;

    /**
     * @param settings filled with the global options
     * @param output where the usage goes when no command is given
     */
    @Inject
    public NeuriteCommand(LaunchSettings settings, CommandOutput output) {
        this.settings = settings;
        this.output = output;
    }

    /** @param debug whether errors show their stack traces */
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show the stack trace of an error, and the plugin library's log.")
    void debug(boolean debug) {
        settings.debug(debug);
    }

    /** @param dirs more plugin folders */
    @Option(names = PluginFolders.OPTION, paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Load the plugins in DIR too (may be repeated), besides the distribution's plugins/"
                    + " folder and the folders in $" + PluginFolders.ENVIRONMENT_VARIABLE + ".")
    void pluginDirs(List<Path> dirs) {
        settings.pluginDirs(dirs);
    }

    /** @param preferences plugin ids by plain name */
    @Option(names = "--prefer", paramLabel = "NAME=PLUGIN", scope = ScopeType.INHERIT,
            description = "When several plugins provide NAME, let the plain name mean PLUGIN's (may be repeated);"
                    + " any provider stays reachable as PLUGIN:NAME.")
    void preferences(Map<String, String> preferences) {
        settings.preferences(preferences);
    }

    /** Without a command: shows the usage and fails as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(output.err());
        return ExitCodes.USAGE;
    }

    /**
     * Runs a command line with the launcher's object graph, on the process's standard output.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        LaunchSettings settings = LaunchSettings.fromSystem();
        CommandOutput output = CommandOutput.standard();
        return run(LauncherModules.injector(LauncherModules.all(settings, output)), args);
    }

    /**
     * Runs a command line with the given object graph, which must bind {@link LaunchSettings}
     * and {@link CommandOutput} (tests pass one with modules swapped for doubles).
     *
     * @param injector the object graph
     * @param args the arguments
     * @return the exit code
     */
    public static int run(Injector injector, String... args) {
        return commandLine(injector).execute(args);
    }

    /**
     * @param injector the object graph
     * @return the command line, its commands created by the injector and writing to its {@link CommandOutput}
     */
    public static CommandLine commandLine(Injector injector) {
        LaunchSettings settings = injector.getInstance(LaunchSettings.class);
        CommandOutput output = injector.getInstance(CommandOutput.class);
        CommandLine commandLine = new CommandLine(NeuriteCommand.class, new GuiceCommandFactory(injector));
        commandLine.setOut(output.out());
        commandLine.setErr(output.err());
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": "
                    + UnknownCommand.message(e).orElseGet(() -> OneLineMessage.of(e)));
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            Throwable cause = unwrapped(e);
            if (settings.debug()) {
                cause.printStackTrace(failed.getErr());
            } else {
                failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + OneLineMessage.of(cause));
            }
            failed.getErr().flush();
            return ExitCodes.of(cause);
        });
        commandLine.setExecutionStrategy(parseResult -> {
            // After parsing (--debug is known) and before any plugin is loaded (the log is configured once).
            Logs.configure(settings.debug());
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (Error e) {
                List<CommandLine> commands = parseResult.asCommandLineList();
                return fatal(e, commands.get(commands.size() - 1), settings.debug());
            }
        });
        return commandLine;
    }

    /**
     * An {@link Error} that ended a command (out of memory, a stack overflow, a class missing from a
     * plugin): one line saying what it means and what to do, the stack trace only under {@code --debug}.
     */
    private static int fatal(Error e, CommandLine failed, boolean debug) {
        PrintWriter err = failed.getErr();
        if (debug) {
            e.printStackTrace(err);
        }
        String what;
        if (e instanceof OutOfMemoryError) {
            what = "out of memory (" + OneLineMessage.of(e) + "; the heap is " + MemoryBudget.bytes(MemoryBudget.heap())
                    + "): lower training.batch_size or the layers' sizes, or raise the heap with JAVA_OPTS=-Xmx...";
        } else if (e instanceof StackOverflowError) {
            what = "stack overflow: something is nested or recursive too deeply (a model, a config, a plugin)"
                    + (debug ? "" : "; --debug shows where");
        } else if (e instanceof LinkageError) {
            what = OneLineMessage.of(e) + " (a plugin or the installation lacks a class it was built with)";
        } else {
            what = OneLineMessage.of(e);
        }
        err.println(failed.getCommandSpec().qualifiedName() + ": " + what);
        err.flush();
        return ExitCodes.RUN_FAILED;
    }

    /** Guice wraps what a provider throws; the person needs the cause. */
    private static Throwable unwrapped(Throwable e) {
        Throwable t = e;
        while (t instanceof ProvisionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
