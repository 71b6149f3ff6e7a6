package org.neurite.launcher.run.data;

import java.io.IOException;

import org.neurite.api.SampleSet;
import org.neurite.engine.io.FileFormatException;
import org.neurite.launcher.config.SourceConfig;

/** Reads the samples of a configured data source, whatever its format: every format is a provider's. */
public final class SourceLoader {

    private SourceLoader() {
    }

    /**
     * @param source the source; not a {@link SourceConfig.Split}, which takes from the training data
     * @return its samples
     * @throws IOException if a file cannot be read
     * @throws FileFormatException if a file is malformed, naming it and the place
     */
    public static SampleSet load(SourceConfig source) throws IOException {
        if (source instanceof SourceConfig.Provided p) {
            return p.source().read();
        }
        throw new IllegalArgumentException(source.path() + ": a split is taken from the training data, not loaded");
    }
}
