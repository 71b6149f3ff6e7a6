package org.neurite.launcher.config;

import java.nio.file.Path;

/**
 * Where one part of a run's data comes from, as checked from its config section. Every kind
 * keeps its key path ({@code data.train}), so problems found while loading are reported there.
 */
public sealed interface SourceConfig {

    /** @return the key path of the section, such as {@code data.test} */
    String path();

    /**
     * Images and labels in a pair of IDX files, as MNIST lays them out.
     *
     * @param path the key path
     * @param images the images file
     * @param labels the labels file
     * @param scale every value is divided by it; {@code null} for 255 with unsigned bytes, else 1
     */
    record Idx(String path, Path images, Path labels, Double scale) implements SourceConfig {
    }

    /**
     * A numeric CSV file with one label column.
     *
     * @param path the key path
     * @param file the file
     * @param labelName the label column's header name, or {@code null}
     * @param labelIndex the label column's index when no name is given; -1 is the last
     * @param header whether the first line names the columns
     * @param delimiter the character between fields
     */
    record Csv(String path, Path file, String labelName, int labelIndex, boolean header, char delimiter)
            implements SourceConfig {
    }

    /**
     * A generated set: a logic gate's truth table, two spirals or Gaussian blobs.
     *
     * @param path the key path
     * @param name {@code xor}, {@code and}, {@code or}, {@code nand}, {@code not}, {@code spirals} or {@code blobs}
     * @param samples the number of samples (spirals and blobs)
     * @param noise the standard deviation of the Gaussian noise of the spirals, or of the blobs around their centres
     * @param classes the number of blobs
     * @param dims the number of features of the blobs, or the steps of each masked_majority sequence
     * @param seed the seed of the random draws
     */
    record Synthetic(String path, String name, int samples, double noise, int classes, int dims, long seed)
            implements SourceConfig {
    }

    /**
     * A source of a format that a {@link org.neurite.api.DataSourceProvider} reads (built in or from a plugin).
     *
     * @param path the key path
     * @param format the format's name, such as {@code text}
     * @param source the source, its options checked
     * @param files the files its options name, absolute, by key (such as {@code path})
     */
    record Provided(String path, String format, org.neurite.api.DataSource source, java.util.Map<String, Path> files)
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
