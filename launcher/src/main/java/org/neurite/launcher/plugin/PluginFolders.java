package org.neurite.launcher.plugin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.neurite.api.OptionException;

/**
 * The folders plugins are loaded from, in order: the distribution's {@code plugins/} folder
 * (found from the system property {@value #HOME_PROPERTY} that {@code bin/neurite} sets), the
 * folders listed in the environment variable {@value #ENVIRONMENT_VARIABLE}, and the folders
 * given with {@code --plugins-dir}. A folder named twice is searched once.
 *
 * @param roots the folders, each absolute and normalised
 */
public record PluginFolders(List<Path> roots) {

    /** System property naming the distribution's home folder. */
    public static final String HOME_PROPERTY = "neurite.home";
    /** Environment variable naming more plugin folders, separated as in a class path. */
    public static final String ENVIRONMENT_VARIABLE = "NEURITE_PLUGINS";
    /** The command-line option naming one more plugin folder. */
    public static final String OPTION = "--plugins-dir";

    /** Copies the list. */
    public PluginFolders {
        roots = List.copyOf(roots);
    }

    /**
     * Resolves the plugin folders. The home's {@code plugins/} folder may be missing (then it
     * holds no plugins); a folder the user named explicitly must exist.
     *
     * @param home the distribution's home folder, or {@code null} when not run from a distribution
     * @param environment the value of {@value #ENVIRONMENT_VARIABLE}, or {@code null}
     * @param commandLine the folders given with {@value #OPTION}
     * @return the folders
     * @throws OptionException if an explicitly named folder does not exist, naming where it was named
     */
    public static PluginFolders resolve(String home, String environment, List<Path> commandLine) {
        Set<Path> roots = new LinkedHashSet<>();
        if (home != null && !home.isBlank()) {
            Path own = Path.of(home).resolve("plugins");
            if (Files.isDirectory(own)) {
                roots.add(normalised(own));
            }
        }
        if (environment != null) {
            for (String entry : environment.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    roots.add(existing(Path.of(entry.trim()), ENVIRONMENT_VARIABLE));
                }
            }
        }
        for (Path folder : commandLine) {
            roots.add(existing(folder, OPTION));
        }
        return new PluginFolders(new ArrayList<>(roots));
    }

    private static Path existing(Path folder, String namedBy) {
        if (!Files.isDirectory(folder)) {
            throw new OptionException(namedBy, (Files.exists(folder) ? "is not a folder: " : "no such folder: ")
                    + folder.toAbsolutePath());
        }
        return normalised(folder);
    }

    private static Path normalised(Path folder) {
        return folder.toAbsolutePath().normalize();
    }
}
