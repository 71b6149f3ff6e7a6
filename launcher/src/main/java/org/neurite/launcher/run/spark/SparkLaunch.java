package org.neurite.launcher.run.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SparkConfig;

/**
 * How {@code neurite train --spark MASTER} trains: the master, the config's {@code spark} section
 * with the flags given applied over it, and the plugin folders whose zips travel to the executors.
 *
 * @param master the master, such as {@code local[2]} or {@code spark://host:7077}
 * @param settings the mode, k, partitions, micro-batch size and data source in force
 * @param flags the keys of {@code spark} that a flag set (such as {@code partitions}), to name the
 *     flag rather than the config in messages
 * @param pluginDirs the folders of the plugin zips that travel with the job
 */
public record SparkLaunch(String master, SparkConfig settings, Set<String> flags, List<Path> pluginDirs) {

    /** The flag of each key of {@code spark}. */
    private static final java.util.Map<String, String> FLAGS = java.util.Map.of("mode", "--spark-mode", "k",
            "--spark-k", "partitions", "--spark-partitions", "micro_batch", "--micro-batch", "data", "--spark-data");

    /**
     * @param key a key of the {@code spark} section, such as {@code partitions}
     * @param config the run's config
     * @param message what is wrong with the key's value
     * @return the problem, at the key's flag when a flag set it, else at its place in the config
     */
    public ConfigException problem(String key, RunConfig config, String message) {
        return flags.contains(key) ? new ConfigException(FLAGS.get(key), message)
                : new ConfigException(config.document().locate("spark." + key), "spark." + key + ": " + message);
    }

    /**
     * @param key a key of the {@code spark} section
     * @return its flag, such as {@code --spark-k}
     */
    public static String flag(String key) {
        return FLAGS.get(key);
    }
}
