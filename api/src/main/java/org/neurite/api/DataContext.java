package org.neurite.api;

import java.nio.file.Path;

/** What a {@link DataSourceProvider} gets from the host that reads the config. */
public interface DataContext {

    /**
     * Reads an option that names a file, relative to the config's folder, and requires the file
     * to exist. The host remembers it, so that the copy of the config kept with a run names the
     * file by its absolute path.
     *
     * @param options the source's options
     * @param key the key of the file name, such as {@code path}
     * @return the file
     * @throws OptionException if the key is missing, not a string, or names no existing file
     */
    Path file(Options options, String key);

    /** @return the seed of the source's random draws, derived from the run's seed */
    long seed();
}
