package org.neurite.launcher.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.registry.Components;
import org.pf4j.DefaultExtensionFactory;

/** Loading problems PF4J itself only logs: descriptors, ids, dependencies, several folders. */
class NeuritePluginManagerTest {

    @TempDir
    Path temp;

    private Map<String, PluginStatus> load(Path... roots) {
        NeuritePluginManager manager = new NeuritePluginManager(List.of(roots), new DefaultExtensionFactory());
        return LoadedPlugins.load(manager, Components.builtIns()).plugins().stream()
                .collect(Collectors.toMap(PluginStatus::id, s -> s, (a, b) -> a));
    }

    @Test
    void systemVersionIsTheApiVersionSoRequiresIsChecked() {
        NeuritePluginManager manager = new NeuritePluginManager(List.of(temp), new DefaultExtensionFactory());
        assertThat(manager.getSystemVersion()).isEqualTo(org.neurite.api.NeuriteApi.VERSION);
    }

    @Test
    void aFolderThatIsNoPluginIsPassedOver() throws IOException {
        Path plugins = temp.resolve("plugins");
        Files.createDirectories(plugins.resolve("stray-folder/classes"));
        TestPlugin.named("good").layer("org.example.good.WidgetProvider", "widget").zipInto(plugins, temp.resolve("w"));

        Map<String, PluginStatus> status = load(plugins);

        // A build folder holds more than plugins (classes/, surefire-reports/, ...): only plugins count.
        assertThat(status.get("good").isStarted()).isTrue();
        assertThat(status).containsOnlyKeys("good");
    }

    @Test
    void theSameIdInTwoFoldersLoadsOnce() throws IOException {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        TestPlugin.named("twin").layer("org.example.twin.One", "twin_one").zipInto(first, temp.resolve("w1"));
        TestPlugin.named("twin").version("2.0.0").layer("org.example.twin.Two", "twin_two")
                .zipInto(second, temp.resolve("w2"));

        NeuritePluginManager manager = new NeuritePluginManager(List.of(first, second), new DefaultExtensionFactory());
        LoadedPlugins loaded = LoadedPlugins.load(manager, Components.builtIns());

        assertThat(loaded.plugins()).extracting(PluginStatus::id, PluginStatus::version, PluginStatus::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("twin", "1.0.0", PluginStatus.State.STARTED),
                        org.assertj.core.groups.Tuple.tuple("twin", "2.0.0", PluginStatus.State.DISABLED));
        assertThat(loaded.disabled().get(0).reason())
                .isEqualTo("cannot load: its id is taken by the plugin at " + first.resolve("twin-1.0.0.zip"));
        assertThat(loaded.components().layers().names()).contains("twin_one").doesNotContain("twin_two");
    }

    @Test
    void dependenciesOfTheWrongVersionOrDisabledLeaveOnlyTheDependentOut() throws IOException {
        Path plugins = temp.resolve("plugins");
        Path work = temp.resolve("w");
        TestPlugin.named("base").version("1.0.0").layer("org.example.base.Base", "base_layer").zipInto(plugins, work);
        TestPlugin.named("picky").dependencies("base@>=2.0.0").layer("org.example.picky.Picky", "picky_layer")
                .zipInto(plugins, work);
        TestPlugin.named("old").requires(">=9.0.0").layer("org.example.old.Old", "old_layer").zipInto(plugins, work);
        TestPlugin.named("leaning").dependencies("old").layer("org.example.leaning.Leaning", "leaning_layer")
                .zipInto(plugins, work);

        Map<String, PluginStatus> status = load(plugins);

        assertThat(status.get("base").isStarted()).isTrue();
        assertThat(status.get("picky").reason())
                .isEqualTo("needs plugin 'base' >=2.0.0, but version 1.0.0 is installed");
        assertThat(status.get("old").reason()).isEqualTo("built for api >=9.0.0, but this is api 0.2.0");
        assertThat(status.get("leaning").reason()).isEqualTo("needs plugin 'old', which is disabled");
    }

    @Test
    void zipsAreUnpackedIntoTheCacheAndNothingIsWrittenIntoThePluginFolder() throws IOException {
        Path plugins = temp.resolve("plugins");
        Path cache = temp.resolve("cache");
        Path zip = TestPlugin.named("rival").layer("org.example.rival.Dense", "dense").zipInto(plugins, temp.resolve("w"));
        plugins.toFile().setWritable(false);
        try {
            NeuritePluginManager manager = new NeuritePluginManager(List.of(plugins), new DefaultExtensionFactory(), cache);
            LoadedPlugins loaded = LoadedPlugins.load(manager, Components.builtIns());
            assertThat(loaded.plugins()).singleElement().satisfies(s -> {
                assertThat(s.isStarted()).isTrue();
                assertThat(s.source()).isEqualTo(zip.toAbsolutePath().normalize());
            });
        } finally {
            plugins.toFile().setWritable(true);
        }
        try (var files = Files.list(plugins); var unpacked = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("rival-1.0.0.zip");
            assertThat(unpacked.map(p -> p.getFileName().toString())).singleElement().asString()
                    .matches("rival-1\\.0\\.0-[0-9a-f]{12}");
        }
        // Removing the zip uninstalls the plugin, although its unpacked copy stays in the cache.
        Files.delete(zip);
        NeuritePluginManager again = new NeuritePluginManager(List.of(plugins), new DefaultExtensionFactory(), cache);
        assertThat(LoadedPlugins.load(again, Components.builtIns()).plugins()).isEmpty();
    }
}
