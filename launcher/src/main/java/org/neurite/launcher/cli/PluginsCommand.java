package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.launcher.inject.CommandOutput;
import org.neurite.launcher.plugin.LoadedPlugins;
import org.neurite.launcher.plugin.PluginFolders;
import org.neurite.launcher.plugin.PluginStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neurite plugins}: every plugin found, with its version, state and what it provides or why it is disabled. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists the plugins found in the plugin folders: id, version, state, and what each provides"
                + " or, for a disabled one, why; then the names several plugins provide, and which one each"
                + " plain name means.", "With --check, exits with 1 when a plugin is disabled."})
public final class PluginsCommand implements Callable<Integer> {

    @Option(names = "--check", description = "Exit with 1 if any plugin is disabled, so scripts can tell.")
    private boolean check;

    private final Provider<PluginFolders> folders;
    private final Provider<LoadedPlugins> plugins;
    private final CommandOutput output;

    /**
     * @param folders where plugins are looked for, resolved after the command line is parsed
     * @param plugins the plugins, loaded when this command runs
     * @param output where the table goes
     */
    @Inject
    public PluginsCommand(Provider<PluginFolders> folders, Provider<LoadedPlugins> plugins, CommandOutput output) {
        this.folders = folders;
        this.plugins = plugins;
        this.output = output;
    }

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        List<String> roots = folders.get().roots().stream().map(String::valueOf).toList();
        out.println("Plugin folders: " + (roots.isEmpty() ? "none" : String.join(", ", roots)));
        List<PluginStatus> statuses = plugins.get().plugins();
        if (statuses.isEmpty()) {
            out.println("No plugins found.");
            out.flush();
            return ExitCodes.OK;
        }
        LoadedPlugins loaded = plugins.get();
        out.println();
        TextTable table = new TextTable("ID", "VERSION", "STATE", "PROVIDES / REASON");
        for (PluginStatus s : statuses) {
            table.row(s.id(), s.version(), s.state().name().toLowerCase(Locale.ROOT),
                    s.isStarted() ? String.join(", ", s.provides()) : s.reason());
        }
        table.print(out, "");
        List<String> clashes = loaded.clashes();
        if (!clashes.isEmpty()) {
            out.println();
            out.println("Name clashes (each is reachable as plugin-id:name; --prefer NAME=PLUGIN picks the plain name's):");
            clashes.forEach(c -> out.println("  " + c));
        }
        out.flush();
        return check && !loaded.disabled().isEmpty() ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }
}
