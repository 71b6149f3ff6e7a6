package org.neurite.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.neurite.api.OptionSpec;
import org.neurite.engine.registry.Components;

class ConfigReferenceTest {

    /** The repository's copy, two folders above the launcher module's working folder. */
    private static final Path COMMITTED = Path.of("..", "docs", "config.md");
    private static final Path BUILT = Path.of("target", "docs", "config.md");

    @Test
    void docsConfigMdIsTheGeneratedReference() throws IOException {
        String generated = ConfigReference.markdown(Components.builtIns());
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, "docs/config.md is stale: the build wrote the current reference to"
                + " launcher/" + BUILT + "; copy it over docs/config.md");
    }

    @Test
    void everyCheckedKeyIsDocumented() {
        String md = ConfigReference.markdown(Components.builtIns());
        for (var section : java.util.List.of(ConfigKeys.ROOT, ConfigKeys.DATA, ConfigKeys.TRAINING,
                ConfigKeys.EARLY_STOPPING, ConfigKeys.OPTIMIZER_COMMON, ConfigKeys.SPLIT, ConfigKeys.CHECKPOINT, ConfigKeys.SPARK)) {
            for (OptionSpec o : section) {
                assertTrue(md.contains("| `" + o.name() + "` |"), o.name());
            }
        }
        var components = Components.builtIns();
        for (var p : components.optimizers().providers()) {
            assertTrue(md.contains("### optimizer: " + p.name() + "\n"), p.name());
        }
        for (var p : components.layers().providers()) {
            assertTrue(md.contains("### " + p.name() + "\n"), p.name());
        }
        for (var p : components.dataSources().providers()) {
            assertTrue(md.contains("### format: " + p.name() + "\n"), p.name());
        }
        assertTrue(md.contains("| `early_stopping` | map |"));
        assertTrue(md.contains("| `clip_norm` | number | `0.0` |"));
    }
}
