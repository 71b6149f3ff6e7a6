package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.plugin.TestPlugin;

class LayersCommandTest {

    @TempDir
    static Path temp;

    private static Path plugins;

    @BeforeAll
    static void buildPlugins() throws IOException {
        plugins = temp.resolve("plugins");
        TestPlugin.named("good").layer("org.example.good.WidgetProvider", "widget").zipInto(plugins, temp.resolve("w"));
        Files.writeString(plugins.resolve("garbage-1.0.0.zip"), "not a zip");
    }

    @Test
    void listsEveryLayerTypeWithItsOptionsAndTheOtherComponentsByName() {
        CommandRun run = CommandRun.of("layers");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Layer types:\n")
                .contains("\ndense (layer type) - ")
                .containsPattern("\n  OPTION +TYPE +DEFAULT +REQUIRED +MEANING\n  units +integer +yes +Number of outputs")
                .containsPattern("\n  use_bias +boolean +true +no +")
                .contains("\nflatten (layer type) - ", "\n  no options\n")
                .containsPattern("\nActivations: .*relu")
                .containsPattern("\nLosses: .*cross_entropy")
                .containsPattern("\nOptimizers: .*adam")
                .containsPattern("\nInitializers: .+")
                .contains("\nLearning rate schedules: constant, cosine, exponential, reduce_on_plateau, step\n")
                .contains("\nGradient clipping methods: norm, value\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void allShowsTheOptionsOfEveryKind() {
        CommandRun run = CommandRun.of("layers", "--all");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("\nOptimizers:\n", "\nadam (optimizer) - ").containsPattern("\n  lr +number +");
    }

    @Test
    void pluginLayersAreListedAndEachBrokenPluginIsReportedOnceInOneLine() {
        CommandRun run = CommandRun.of("--plugins-dir", plugins.toString(), "layers");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("\nwidget (layer type) - Flattens each sample, from a test plugin.\n")
                .containsPattern("\n  note +string +none +no +A note, ignored.\n");
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("neurite: warning: plugin 'garbage-1.0.0.zip' is disabled: cannot unpack garbage-1.0.0.zip: ");
    }

    @Test
    void oneTypeShowsItsDetails() {
        CommandRun run = CommandRun.of("layers", "dense");
        CommandRun activation = CommandRun.of("layers", "relu");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("dense (layer type) - ").doesNotContain("flatten");
        assertThat(activation.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(activation.out()).startsWith("relu (activation) - ");
    }

    @Test
    void anUnknownTypeIsAUsageErrorNamingTheClosestNames() {
        CommandRun run = CommandRun.of("layers", "dens");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines().get(0)).startsWith("neurite layers: unknown layer type 'dens' (closest: 'dense'")
                .contains("; layer types: activation, add, batch_norm, concat, dense,");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usesTheComponentsOfASwappedModule() {
        LayerProvider stub = mock(LayerProvider.class);
        when(stub.name()).thenReturn("stub_layer");
        when(stub.description()).thenReturn("A layer from a test double.");
        when(stub.options()).thenReturn(List.of(OptionSpec.required("size", OptionType.INTEGER, "How big.")));
        Module swapped = new AbstractModule() {
            @Provides
            Components components() {
                return Components.empty().register(stub);
            }
        };

        CommandRun run = CommandRun.with(List.of(swapped), null, "layers", "stub_layer");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines().toList()).containsExactly(
                "stub_layer (layer type) - A layer from a test double.",
                "  OPTION  TYPE     DEFAULT  REQUIRED  MEANING",
                "  size    integer           yes       How big.");
        verify(stub, atLeastOnce()).options();
    }

    @Test
    void versionLoadsNoPluginButLayersDoes() throws IOException {
        Path lazy = temp.resolve("lazy");
        TestPlugin.named("lazy").layer("org.example.lazy.Lazy", "lazy_layer").zipInto(lazy, temp.resolve("w2"));

        Path cache = org.neurite.launcher.plugin.NeuritePluginManager.DEFAULT_CACHE;
        if (java.nio.file.Files.isDirectory(cache)) {
            try (var old = java.nio.file.Files.list(cache)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("lazy-1.0.0-")).toList()) {
                    org.pf4j.util.FileUtils.delete(p);
                }
            }
        }
        CommandRun.of("--plugins-dir", lazy.toString(), "version");
        assertThat(unpacked("lazy-1.0.0-")).isFalse();

        CommandRun.of("--plugins-dir", lazy.toString(), "layers");
        assertThat(unpacked("lazy-1.0.0-")).isTrue();
    }

    /** Whether the plugin cache holds an unpacked zip of that name; the zip's hash differs between runs. */
    private static boolean unpacked(String prefix) throws IOException {
        Path cache = org.neurite.launcher.plugin.NeuritePluginManager.DEFAULT_CACHE;
        if (!java.nio.file.Files.isDirectory(cache)) {
            return false;
        }
        try (var entries = java.nio.file.Files.list(cache)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        }
    }
}
