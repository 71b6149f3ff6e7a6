package org.neurite.launcher.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.pf4j.DefaultExtensionFactory;

/**
 * Fault isolation: one plugins folder holds a good plugin beside one broken plugin of each kind;
 * each broken one is disabled with its id and the reason, and the good one works.
 */
class LoadedPluginsTest {

    @TempDir
    static Path temp;

    private static Path plugins;

    @BeforeAll
    static void buildPlugins() throws IOException {
        plugins = temp.resolve("plugins");
        Path work = temp.resolve("work");
        Path good = TestPlugin.named("good").layer("org.example.good.WidgetProvider", "widget").zipInto(plugins, work);
        // A truncated copy of a good zip, and a file that is no zip at all.
        byte[] bytes = Files.readAllBytes(good);
        Files.write(plugins.resolve("truncated-1.0.0.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        Files.writeString(plugins.resolve("garbage-1.0.0.zip"), "this is not a zip file");
        TestPlugin.named("future").requires(">=9.0.0").layer("org.example.future.FutureProvider", "future_layer")
                .zipInto(plugins, work);
        TestPlugin.named("hollow").layer("org.example.hollow.HollowProvider", "hollow_layer")
                .withoutClass("org.example.hollow.HollowProvider").zipInto(plugins, work);
        // 'rival' claims 'widget', installed after 'good'; 'shadow' claims the engine's 'dense'.
        Path rival = TestPlugin.named("rival").layer("org.example.rival.RivalWidget", "widget")
                .layer("org.example.rival.RivalOnly", "rival_only").zipInto(plugins, work);
        Path shadow = TestPlugin.named("shadow").layer("org.example.shadow.Dense", "dense").zipInto(plugins, work);
        Files.setLastModifiedTime(good, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(rival, java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(shadow, java.nio.file.attribute.FileTime.fromMillis(3_000_000));
        TestPlugin.named("classless").pluginClass("org.example.classless.MissingPlugin")
                .layer("org.example.classless.Provider", "classless_layer").zipInto(plugins, work);
        TestPlugin.named("orphan").dependencies("nowhere@>=1.0.0")
                .layer("org.example.orphan.Provider", "orphan_layer").zipInto(plugins, work);
        TestPlugin.named("empty").zipInto(plugins, work);
    }

    private static LoadedPlugins load() {
        NeuritePluginManager manager = new NeuritePluginManager(List.of(plugins), new DefaultExtensionFactory());
        return LoadedPlugins.load(manager, Components.builtIns());
    }

    private static Map<String, PluginStatus> byId(LoadedPlugins loaded) {
        return loaded.plugins().stream().collect(java.util.stream.Collectors.toMap(PluginStatus::id, s -> s));
    }

    @Test
    void theGoodPluginStartsAndItsLayerBuildsModels() {
        LoadedPlugins loaded = load();
        PluginStatus good = byId(loaded).get("good");
        assertThat(good.isStarted()).isTrue();
        assertThat(good.version()).isEqualTo("1.0.0");
        assertThat(good.provides()).containsExactly("layer type widget");
        assertThat(loaded.components().layers().names()).contains("widget", "dense", "flatten");

        Sequential model = Sequential.fromOptions(Options.of("model", Map.of(
                "input", List.of(2, 3),
                "layers", List.of(Map.of("type", "widget"), Map.of("type", "dense", "units", 4)))),
                loaded.components(), 0);
        assertThat(model.outputShape()).isEqualTo(Shape.of(4));
    }

    @Test
    void everyBrokenPluginIsDisabledWithItsIdAndReason() {
        Map<String, PluginStatus> status = byId(load());
        assertThat(status.keySet()).containsExactlyInAnyOrder("good", "truncated-1.0.0.zip", "garbage-1.0.0.zip",
                "future", "hollow", "rival", "shadow", "classless", "orphan", "empty");
        assertThat(status.get("truncated-1.0.0.zip").reason()).startsWith("cannot unpack truncated-1.0.0.zip: ");
        assertThat(status.get("garbage-1.0.0.zip").reason()).startsWith("cannot unpack garbage-1.0.0.zip: ");
        assertThat(status.get("future").reason()).isEqualTo("built for api >=9.0.0, but this is api 0.2.0");
        assertThat(status.get("hollow").reason()).isEqualTo("extension class org.example.hollow.HollowProvider"
                + " is listed in META-INF/extensions.idx but is missing from the plugin");
        assertThat(status.get("rival").isStarted()).isTrue();
        assertThat(status.get("shadow").isStarted()).isTrue();
        assertThat(status.get("classless").reason())
                .startsWith("failed to start: plugin class org.example.classless.MissingPlugin cannot be loaded");
        assertThat(status.get("orphan").reason()).isEqualTo("needs plugin 'nowhere', which is not installed");
        assertThat(status.get("empty").reason()).startsWith("provides nothing: its META-INF/extensions.idx lists no extension");
        for (PluginStatus s : status.values()) {
            if (!List.of("good", "rival", "shadow").contains(s.id())) {
                assertThat(s.state()).as(s.id()).isEqualTo(PluginStatus.State.DISABLED);
                assertThat(s.provides()).as(s.id()).isEmpty();
                assertThat(s.problem()).as(s.id()).doesNotContain("\n").startsWith("plugin '" + s.id() + "' is disabled: ");
            }
        }
    }

    @Test
    void noProviderOfADisabledPluginIsRegistered() {
        Components components = load().components();
        assertThat(components.layers().names()).doesNotContain("future_layer", "hollow_layer", "classless_layer",
                "orphan_layer");
    }

    @Test
    void aClashDisablesNobodyAndThePlainNameKeepsMeaningTheFirstInstalled() {
        LoadedPlugins loaded = load();
        Components components = loaded.components();
        assertThat(components.layers().find("widget").orElseThrow().getClass().getName())
                .isEqualTo("org.example.good.WidgetProvider");
        assertThat(components.layers().find("rival:widget").orElseThrow().getClass().getName())
                .isEqualTo("org.example.rival.RivalWidget");
        assertThat(components.layers().find("rival_only")).isPresent();
        assertThat(components.layers().find("dense").orElseThrow().getClass().getName()).startsWith("org.neurite.engine.");
        assertThat(components.layers().find("shadow:dense").orElseThrow().getClass().getName())
                .isEqualTo("org.example.shadow.Dense");
        assertThat(loaded.clashes()).containsExactly(
                "layer type 'dense': neurite:dense (used for 'dense'), shadow:dense",
                "layer type 'widget': good:widget (used for 'widget'), rival:widget");

        loaded.prefer(Map.of("widget", "rival"));
        assertThat(components.layers().find("widget").orElseThrow().getClass().getName())
                .isEqualTo("org.example.rival.RivalWidget");
        assertThatThrownBy(() -> loaded.prefer(Map.of("widget", "nobody")))
                .hasMessage("--prefer widget=nobody: no component 'widget' of plugin 'nobody' is loaded");
    }

    @Test
    void theExtensionIndexIsWrittenByPf4jsProcessor() throws IOException {
        try (ZipFile zip = new ZipFile(plugins.resolve("rival-1.0.0.zip").toFile())) {
            String index = new String(zip.getInputStream(zip.getEntry("classes/META-INF/extensions.idx")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(index.lines().filter(l -> !l.startsWith("#")))
                    .containsExactlyInAnyOrder("org.example.rival.RivalOnly", "org.example.rival.RivalWidget");
        }
    }

    @Test
    void loadingAgainUsesTheUnpackedFoldersAndGivesTheSameResult() {
        List<PluginStatus> first = load().plugins();
        List<PluginStatus> second = load().plugins();
        assertThat(second).isEqualTo(first);
        assertThat(plugins.resolve("good-1.0.0")).doesNotExist();
        assertThat(plugins.resolve("truncated-1.0.0")).doesNotExist();
    }
}
