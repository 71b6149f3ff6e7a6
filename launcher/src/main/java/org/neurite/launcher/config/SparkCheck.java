package org.neurite.launcher.config;

import java.util.Map;
import java.util.Set;

import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/**
 * Checks the {@code spark} section against {@link ConfigKeys#SPARK}: the mode and data choices,
 * counts of at least 1, and keys that the chosen mode would not use (such as {@code k} without
 * local SGD), so that a setting is never silently ignored.
 */
final class SparkCheck {

    private SparkCheck() {
    }

    /**
     * @param s the section, or {@code null} when the config has none
     * @param problems where the problems are recorded
     * @return the checked section (every default without one), or {@code null} after recording its problems
     */
    static SparkConfig check(Options s, Problems problems) {
        if (s == null) {
            return SparkConfig.DEFAULTS;
        }
        if (!problems.section(s, ConfigKeys.SPARK, Set.of())) {
            return null;
        }
        return problems.attempt(() -> {
            OptionReader in = OptionReader.of(s, ConfigKeys.SPARK);
            SparkConfig.Mode mode = SparkConfig.Mode.of(in.choice("mode", SparkConfig.MODES));
            SparkConfig.DataFrom data = SparkConfig.DataFrom.of(in.choice("data", SparkConfig.DATA_FROM));
            Map.Entry<String, String> unused = SparkConfig.unused(mode, s.has("k"), s.has("micro_batch"), data);
            if (unused != null) {
                throw new OptionException(s.pathOf(unused.getKey()), unused.getValue());
            }
            return new SparkConfig(mode, in.integer("k"), in.integer("partitions"), in.integer("micro_batch"), data);
        });
    }
}
