package org.neurite.launcher.run.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.run.RunParts;
import org.neurite.spark.SparkTrainingException;

/**
 * What the executors of a barrier run cannot load is one line before the barrier stage (and before
 * the run folder): a data path they cannot read, a plugin layer they lack. In {@code local[2]} the
 * executors share the driver's files, so the data file goes away after the driver read it.
 */
class ExecutorFailuresTest {

    private static final String CONFIG = """
            name: xor
            data: {train: {format: csv, path: xor.csv, label: label}}
            model:
              input: [2]
              layers:
                - {type: dense, units: 4, activation: tanh}
                - {type: dense, units: 2}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05}
            training: {epochs: 2, batch_size: 0, checkpoint_every: 0}
            spark: {mode: all_reduce, data: executors}
            """;
    private static final Components COMPONENTS = Components.builtIns();

    @TempDir
    Path dir;

    private RunConfig config() throws IOException {
        Files.writeString(dir.resolve("xor.csv"), "x,y,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        Path file = dir.resolve("xor.yaml");
        Files.writeString(file, CONFIG);
        return RunConfig.load(file, List.of(), COMPONENTS);
    }

    @Test
    void aDataPathTheExecutorsCannotReadIsOneLineNamingIt() throws IOException {
        RunConfig config = config();
        RunParts parts = RunParts.prepare(config, COMPONENTS);
        Files.delete(dir.resolve("xor.csv"));
        SparkLaunch launch = new SparkLaunch("local[2]", config.spark(), Set.of(), List.of());

        assertThatThrownBy(() -> SparkStart.start(launch, config, parts, COMPONENTS, Map.of(), null).close())
                .isInstanceOf(SparkTrainingException.class)
                .hasMessageStartingWith("spark: barrier mode: on the executor at ")
                .hasMessageContaining(": cannot read the data here: ")
                .hasMessageContaining("data.train.path")
                .hasMessageContaining(dir.resolve("xor.csv").toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aPluginLayerTheExecutorsLackIsNamedWithItsPlugin() throws IOException {
        RunConfig config = config();
        RunParts parts = RunParts.prepare(config, COMPONENTS);
        SparkLaunch launch = new SparkLaunch("local[2]", config.spark(), Set.of(), List.of());
        Map<String, Object> modelInfo = Map.of("plugins", List.of(Map.of("id", "mish", "version", "1.2.0")));

        assertThatThrownBy(() -> SparkStart.start(launch, config, parts, COMPONENTS, modelInfo, null).close())
                .isInstanceOf(SparkTrainingException.class)
                .hasMessageStartingWith("spark: barrier mode: on the executor at ")
                .hasMessageEndingWith(": the model needs the plugin 'mish' 1.2.0, which is not installed on the"
                        + " executors: pass its zip with the job (plugins folder) so that it travels with the model")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
