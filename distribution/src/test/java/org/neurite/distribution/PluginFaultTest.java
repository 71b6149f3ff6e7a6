package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt plugin zip beside good ones is reported and left out; the good ones still work. */
class PluginFaultTest {

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void aCorruptZipIsListedAsDisabledWithItsReasonAndTheOthersStillWork() throws IOException {
        Path extra = Files.createDirectories(temp.resolve("more plugins"));
        // Starts like a zip, then stops: what an interrupted download leaves.
        Files.write(extra.resolve("broken-1.0.0.zip"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3});
        Map<String, String> env = Map.of("NEURITE_PLUGINS", extra.toString());

        CommandResult plugins = distribution.run(temp, env, "plugins");

        assertThat(plugins.exitCode()).as(plugins.toString()).isZero();
        assertThat(plugins.stdout()).containsPattern("(?m)^.*broken.*disabled.*zip.*$");
        assertThat(plugins.stdout()).containsPattern("(?m)^\\s*perceptron\\s.*started.*mlp.*$");

        String config = RunConfigs.SPIRALS.replace("- {type: dense, units: 8, activation: relu}",
                "- {type: mlp, hidden: [8], activation: relu}");
        Path file = RunConfigs.write(temp, "mlp.yaml", config);
        CommandResult training = distribution.run(temp, env, "train", file.toString(), "--out",
                temp.resolve("runs").toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(RunConfigs.onlyRunFolder(temp.resolve("runs")).resolve("model.json")).isRegularFile();
    }
}
