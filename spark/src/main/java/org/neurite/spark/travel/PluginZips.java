package org.neurite.spark.travel;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neurite.pluginloader.PluginSet;

/**
 * The plugin zips a job carries to its executors, by file name, as bytes: each executor loads them
 * with {@link PluginSet}, as the launcher loads its {@code plugins/} folder on one machine.
 *
 * @param zips each zip's bytes by its file name
 */
public record PluginZips(Map<String, byte[]> zips) implements Serializable {

    /** No plugins: the engine's built-in components only. */
    public static final PluginZips NONE = new PluginZips(Map.of());

    /** Keeps the zips in name order. */
    public PluginZips {
        zips = new LinkedHashMap<>(zips);
    }

    /**
     * @param folders folders of plugin zips, such as a distribution's {@code plugins/}; missing ones are skipped
     * @return every zip in them (the first of two with one file name)
     * @throws UncheckedIOException if a folder cannot be read
     */
    public static PluginZips of(List<Path> folders) {
        Map<String, byte[]> zips = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path zip : files.filter(f -> f.getFileName().toString().endsWith(".zip")).sorted().toList()) {
                    if (!zips.containsKey(zip.getFileName().toString())) {
                        zips.put(zip.getFileName().toString(), Files.readAllBytes(zip));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the plugins folder " + folder + ": " + e.getMessage(), e);
            }
        }
        return new PluginZips(zips);
    }

    /**
     * Loads the plugins into the engine's built-in components.
     *
     * @return the loaded plugins (close them when done)
     * @throws org.neurite.pluginloader.PluginLoadException if a plugin does not load, naming it
     */
    public PluginSet load() {
        return TemporaryFolder.use("neurite-plugin-zips", folder -> {
            for (Map.Entry<String, byte[]> zip : zips.entrySet()) {
                Files.write(folder.resolve(zip.getKey()), zip.getValue());
            }
            // PluginSet unpacks every zip into a folder of its own, so these copies may go
            return PluginSet.load(folder);
        });
    }
}
