package org.neurite.launcher.config;

import java.nio.file.Path;
import java.util.Map;

import org.neurite.api.DataSource;

/**
 * Where one part of a run's data comes from, as checked from its config section. Every kind
 * keeps its key path ({@code data.train}), so problems found while loading are reported there.
 */
public sealed interface SourceConfig {

    /** @return the key path of the section, such as {@code data.test} */
    String path();

    /**
     * A source of a format that a {@link org.neurite.api.DataSourceProvider} reads: every format,
     * built in ({@code idx}, {@code csv}, {@code synthetic}, {@code text}, ...) or from a plugin.
     *
     * @param path the key path
     * @param format the format's name, such as {@code text}
     * @param source the source, its options checked
     * @param files the files its options name, absolute, by key (such as {@code path})
     */
    record Provided(String path, String format, DataSource source, Map<String, Path> files)
            implements SourceConfig {
    }

    /**
     * A share of the training data held out, for validation only: for sources that cut one
     * stream into samples (text, time series) the end of the stream, for others a random share.
     *
     * @param path the key path
     * @param fraction the share held out, in (0, 1)
     * @param seed the seed of the random choice, where the choice is random
     */
    record Split(String path, double fraction, long seed) implements SourceConfig {
    }
}
