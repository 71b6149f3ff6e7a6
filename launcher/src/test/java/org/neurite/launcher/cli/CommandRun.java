package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.inject.Module;
import com.google.inject.util.Modules;

import org.neurite.launcher.inject.CommandOutput;
import org.neurite.launcher.inject.LaunchSettings;
import org.neurite.launcher.inject.LauncherModules;

/**
 * Runs the {@code neurite} command line in this JVM with the launcher's modules (some swapped
 * for test doubles) and keeps the exit code and both outputs.
 *
 * @param exitCode the exit code
 * @param out what went to the standard output
 * @param err what went to the error output
 */
record CommandRun(int exitCode, String out, String err) {

    /** Runs without a distribution home or environment, with the modules as they are. */
    static CommandRun of(String... args) {
        return with(List.of(), null, args);
    }

    /**
     * @param overrides modules whose bindings replace the launcher's own
     * @param home the distribution's home folder, or {@code null}
     * @param args the command line
     * @return the outcome
     */
    static CommandRun with(List<Module> overrides, Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LaunchSettings settings = new LaunchSettings(home == null ? null : home.toString(), null);
        CommandOutput output = new CommandOutput(new PrintWriter(out, true), new PrintWriter(err, true));
        List<Module> modules = new ArrayList<>(LauncherModules.all(settings, output));
        Module graph = Modules.override(modules).with(overrides);
        int code = NeuriteCommand.run(LauncherModules.injector(List.of(graph)), args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** @return the error output's lines */
    List<String> errLines() {
        return err.lines().toList();
    }
}
