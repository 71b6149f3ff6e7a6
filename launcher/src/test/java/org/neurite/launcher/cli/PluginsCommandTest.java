package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.inject.AbstractModule;
import com.google.inject.Module;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.plugin.LoadedPlugins;
import org.neurite.launcher.plugin.PluginStatus;
import org.neurite.launcher.plugin.TestPlugin;

class PluginsCommandTest {

    @TempDir
    static Path temp;

    private static Path home;

    @BeforeAll
    static void buildDistributionHome() throws IOException {
        home = temp.resolve("neurite-0.1.0");
        Path plugins = home.resolve("plugins");
        TestPlugin.named("good").layer("org.example.good.WidgetProvider", "widget").zipInto(plugins, temp.resolve("w"));
        TestPlugin.named("future").requires(">=9.0.0").layer("org.example.future.F", "future_layer")
                .zipInto(plugins, temp.resolve("w"));
        Files.writeString(plugins.resolve("garbage-1.0.0.zip"), "not a zip");
    }

    @Test
    void listsEveryPluginWithVersionStateAndWhatItProvidesOrWhyItIsDisabled() {
        CommandRun run = CommandRun.with(List.of(), home, "plugins");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Plugin folders: " + home.resolve("plugins"));
        assertThat(lines.get(2)).matches("ID +VERSION +STATE +PROVIDES / REASON");
        assertThat(lines.subList(3, lines.size())).satisfiesExactly(
                l -> assertThat(l).matches("future +1\\.0\\.0 +disabled +built for api >=9\\.0\\.0, but this is api 0\\.2\\.0"),
                l -> assertThat(l).matches("garbage-1\\.0\\.0\\.zip +\\? +disabled +cannot unpack garbage-1\\.0\\.0\\.zip: .+"),
                l -> assertThat(l).matches("good +1\\.0\\.0 +started +layer type widget"));
        // the table is the report: no warnings besides it
        assertThat(run.err()).isEmpty();
    }

    @Test
    void saysSoWhenThereAreNoPlugins() {
        CommandRun run = CommandRun.of("plugins");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo("Plugin folders: none\nNo plugins found.\n");
    }

    @Test
    void showsWhatThePluginModuleGivesItWhenSwappedForADouble() throws IOException {
        Path otherHome = temp.resolve("other-home");
        TestPlugin.named("real").layer("org.example.real.Real", "real_layer")
                .zipInto(otherHome.resolve("plugins"), temp.resolve("w3"));
        LoadedPlugins loaded = mock(LoadedPlugins.class);
        when(loaded.plugins()).thenReturn(List.of(
                PluginStatus.started("stub", "3.2.1", List.of("loss type stub_loss"), Path.of("stub.zip"))));
        when(loaded.components()).thenReturn(Components.builtIns());
        Module swapped = new AbstractModule() {
            @Override
            protected void configure() {
                bind(LoadedPlugins.class).toInstance(loaded);
            }
        };

        CommandRun run = CommandRun.with(List.of(swapped), otherHome, "plugins");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines().toList().get(3)).matches("stub +3\\.2\\.1 +started +loss type stub_loss");
        // the real plugin in that home was never loaded (its zip is still packed)
        assertThat(otherHome.resolve("plugins/real-1.0.0")).doesNotExist();
    }
}
