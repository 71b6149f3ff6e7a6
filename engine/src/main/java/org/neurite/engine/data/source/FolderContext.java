package org.neurite.engine.data.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.DataContext;
import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * A {@link DataContext} that resolves file names against one folder (a config's) and remembers
 * every file it resolved by its key path, so that a copy of the config can name them absolutely.
 */
public final class FolderContext implements DataContext {

    private final Path folder;
    private final long seed;
    private final Map<String, Path> files = new LinkedHashMap<>();

    /**
     * @param folder the folder that relative file names start from
     * @param seed the seed of the source's random draws
     */
    public FolderContext(Path folder, long seed) {
        this.folder = folder;
        this.seed = seed;
    }

    @Override
    public Path file(Options options, String key) {
        Path file = folder.resolve(options.getString(key)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new OptionException(options.pathOf(key), "no such file: " + file);
        }
        files.put(options.pathOf(key), file);
        return file;
    }

    @Override
    public long seed() {
        return seed;
    }

    /** @return every file resolved so far, by the key path that named it, such as {@code data.train.path} */
    public Map<String, Path> files() {
        return Map.copyOf(files);
    }
}
