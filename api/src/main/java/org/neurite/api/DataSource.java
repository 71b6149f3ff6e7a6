package org.neurite.api;

import java.io.IOException;
import java.util.Optional;

/** A configured source of samples, such as a text file cut into windows; made by a {@link DataSourceProvider}. */
public interface DataSource {

    /**
     * Reads every sample.
     *
     * @return the samples
     * @throws IOException if a file cannot be read
     * @throws DataFileException if a file's content is malformed, naming the file and the place in it
     * @throws OptionException if the data contradicts an option, such as windows longer than the text
     */
    SampleSet read() throws IOException;

    /**
     * Reads the samples in two parts, the second a share held out for validation. Sources that
     * cut one stream into overlapping samples (a text, a time series) override this to cut the
     * stream by position, so that no held-out sample shares data with a training one.
     *
     * @param heldOut the share held out, in {@code (0, 1)}
     * @return both parts, or empty to let the host hold out a random share of {@link #read()}
     * @throws IOException as {@link #read()}
     */
    default Optional<SampleSet.Split> read(double heldOut) throws IOException {
        return Optional.empty();
    }
}
