package org.neurite.launcher.run.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SourceConfig;

/**
 * The part of a run config's data that a command such as {@code evaluate} or {@code decode}
 * works on, as its {@code --source} names it ({@code test}, {@code validation} or {@code train}),
 * loaded and fitted to the model as training loaded it.
 *
 * @param data the samples
 * @param source the part's config
 * @param normalized whether the model's normalisation is applied already (a share held out of
 *     the training data, normalised by the statistics of the rest)
 */
public record DataPart(Dataset data, SourceConfig source, boolean normalized) {

    /** The values {@code --source} takes. */
    public static final List<String> NAMES = List.of("test", "validation", "train");

    /**
     * @param config the run config
     * @param file its file, for messages
     * @param name {@code test}, {@code validation} or {@code train}
     * @param use what the command does with it, for the message when the config has no such part, such as {@code decode}
     * @param model the model the data must fit
     * @param classNames the model's class names, or {@code null}
     * @return the part
     * @throws ConfigException if the name is none of those, or the config has no such part
     * @throws IOException if a data file cannot be read
     */
    public static DataPart load(RunConfig config, Path file, String name, String use, Model model,
                                List<String> classNames) throws IOException {
        SourceConfig part = switch (name) {
            case "test" -> config.test();
            case "train" -> config.train();
            case "validation" -> config.validation();
            default -> throw new ConfigException("--source", "expected test, validation or train, got \"" + name + "\"");
        };
        if (part == null) {
            throw new ConfigException(file.toString(), "has no data." + name + " to " + use + "; choose another with"
                    + " --source");
        }
        if (part instanceof SourceConfig.Split) {
            return new DataPart(RunData.load(config, model).validation(), part, true);
        }
        return new DataPart(RunData.fit(config, part, model, classNames), part, false);
    }
}
