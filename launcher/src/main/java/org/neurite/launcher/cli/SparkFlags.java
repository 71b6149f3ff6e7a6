package org.neurite.launcher.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SparkConfig;
import org.neurite.launcher.run.spark.SparkLaunch;

/**
 * The Spark flags of {@code neurite train} over the config's {@code spark} section: each flag
 * given replaces its key, and the result is checked as the config's section is (choices, counts
 * of at least 1, settings the mode would not use), naming the flag where a flag is at fault.
 */
final class SparkFlags {

    private SparkFlags() {
    }

    static SparkLaunch apply(RunConfig config, String master, String mode, Integer k, Integer partitions,
                             Integer microBatch, String data, List<Path> pluginDirs) {
        SparkConfig s = config.spark();
        Set<String> flags = new LinkedHashSet<>();
        SparkConfig.Mode m = s.mode();
        if (mode != null) {
            m = SparkConfig.Mode.of(choice("--spark-mode", mode, SparkConfig.MODES));
            flags.add("mode");
        }
        SparkConfig.DataFrom from = s.data();
        if (data != null) {
            from = SparkConfig.DataFrom.of(choice("--spark-data", data, SparkConfig.DATA_FROM));
            flags.add("data");
        }
        if (k != null) {
            flags.add("k");
        }
        if (partitions != null) {
            flags.add("partitions");
        }
        if (microBatch != null) {
            flags.add("micro_batch");
        }
        SparkConfig merged = new SparkConfig(m, atLeastOne("--spark-k", k, s.k()),
                atLeastOne("--spark-partitions", partitions, s.partitions()),
                atLeastOne("--micro-batch", microBatch, s.microBatch()), from);
        Map<?, ?> section = config.document().values().get("spark") instanceof Map<?, ?> written ? written : Map.of();
        Map.Entry<String, String> unused = SparkConfig.unused(m, flags.contains("k") || section.containsKey("k"),
                flags.contains("micro_batch") || section.containsKey("micro_batch"), from);
        SparkLaunch launch = new SparkLaunch(master, merged, Set.copyOf(flags), pluginDirs);
        if (unused != null) {
            // the flag of the key, or of the mode that makes the config's key unused
            String key = unused.getKey();
            throw flags.contains(key) || !flags.contains("mode") && !flags.contains("data")
                    ? launch.problem(key, config, unused.getValue())
                    : new ConfigException(flags.contains("mode") ? "--spark-mode" : "--spark-data", "spark." + key
                            + " is set in the config: " + unused.getValue());
        }
        return launch;
    }

    private static String choice(String flag, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ConfigException(flag, "expected one of " + String.join(", ", allowed) + ", got \"" + value + "\"");
        }
        return value;
    }

    private static int atLeastOne(String flag, Integer given, int configured) {
        if (given == null) {
            return configured;
        }
        if (given < 1) {
            throw new ConfigException(flag, "expected at least 1, got " + given);
        }
        return given;
    }
}
