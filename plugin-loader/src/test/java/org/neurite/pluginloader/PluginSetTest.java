package org.neurite.pluginloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Shape;
import org.neurite.engine.inference.Prediction;
import org.neurite.engine.inference.Predictor;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

/** Loads the perceptron plugin's zip as an embedding application would, and the ways that fails. */
class PluginSetTest {

    private static final Path PERCEPTRON = Path.of(System.getProperty("neurite.perceptronZip"));

    @TempDir
    Path dir;

    private Path folderWith(Path zip) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(zip, folder.resolve(zip.getFileName()));
        return folder;
    }

    @Test
    void aPluginsLayerBuildsSavesAndPredictsThenLeavesWithTheSet() throws IOException {
        Path folder = folderWith(PERCEPTRON);
        Components components = Components.builtIns();
        Path model = dir.resolve("model.json");
        Prediction before;
        try (PluginSet plugins = PluginSet.load(folder, components)) {
            assertThat(plugins.plugins()).containsOnlyKeys("perceptron");
            assertThat(components.layers().find("mlp")).isPresent();
            Sequential network = Sequential.builder(Shape.of(4)).seed(0).components(components)
                    .add("mlp", Map.of("hidden", List.of(8), "output", 3))
                    .build();
            Predictor.save(model, network, Preprocessing.NONE, List.of("a", "b", "c"), "cross_entropy");
            before = Predictor.load(model, components).predict(new float[] {1, 2, 3, 4});
            assertThat(before.name()).isIn("a", "b", "c");
            assertThat(components.pluginsUsed()).containsKey("perceptron");
        }
        assertThat(components.layers().find("mlp")).as("gone once the set is closed").isEmpty();
        assertThatThrownBy(() -> Predictor.load(model, components)).hasMessageContaining("'mlp'");
        try (PluginSet again = PluginSet.load(folder)) {
            assertThat(Predictor.load(model, again.components()).predict(new float[] {1, 2, 3, 4})).isEqualTo(before);
        }
    }

    @Test
    void aPluginForAnotherApiVersionIsNamedAndNothingStaysLoaded() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        rewrite(PERCEPTRON, folder.resolve("perceptron.zip"), "plugin.requires=>=0.2.0 & <0.3.0",
                "plugin.requires=>=9.0.0");
        Components components = Components.builtIns();

        assertThatThrownBy(() -> PluginSet.load(folder, components))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("plugin 'perceptron' ")
                .hasMessageContaining("did not start")
                .hasMessageContaining("requires the Neurite api >=9.0.0, this is 0.2.0");
        assertThat(components.layers().find("mlp")).isEmpty();
    }

    @Test
    void aZipThatIsNotOneOrReachesOutsideIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(folder.resolve("broken.zip"), "not a zip");
        assertThatThrownBy(() -> PluginSet.load(folder))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith(folder.resolve("broken.zip") + ": not a readable zip");

        Files.delete(folder.resolve("broken.zip"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(folder.resolve("evil.zip")))) {
            zip.putNextEntry(new ZipEntry("../../escaped.txt"));
            zip.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> PluginSet.load(folder))
                .hasMessage(folder.resolve("evil.zip") + ": the entry ../../escaped.txt points outside the plugin");
        assertThatThrownBy(() -> PluginSet.load(dir.resolve("nowhere")))
                .hasMessageContaining("no such plugins folder");
    }

    /** Copies a zip, replacing text in its plugin.properties. */
    private static void rewrite(Path from, Path to, String text, String replacement) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("plugin.properties")) {
                    String properties = new String(bytes, StandardCharsets.UTF_8);
                    assertThat(properties).contains(text);
                    bytes = properties.replace(text, replacement).getBytes(StandardCharsets.UTF_8);
                }
                out.write(bytes);
            }
        }
    }
}
