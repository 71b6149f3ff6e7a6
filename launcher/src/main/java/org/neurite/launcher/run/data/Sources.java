package org.neurite.launcher.run.data;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.neurite.api.OptionException;
import org.neurite.api.SampleSet;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SourceConfig;

/**
 * Reads a config's sources, turning a problem a source finds with its own options while reading
 * (such as windows longer than the text) into a config error at that option's line.
 */
final class Sources {

    private Sources() {
    }

    static SampleSet read(RunConfig config, SourceConfig source) throws IOException {
        try {
            return SourceLoader.load(source);
        } catch (OptionException e) {
            throw new ConfigException(List.of(config.document().error(e)));
        }
    }

    static Optional<SampleSet.Split> read(RunConfig config, SourceConfig.Provided source, double heldOut)
            throws IOException {
        try {
            return source.source().read(heldOut);
        } catch (OptionException e) {
            throw new ConfigException(List.of(config.document().error(e)));
        }
    }
}
