package org.neurite.launcher.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Backend;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.plugin.LoadedPlugins;
import org.neurite.launcher.plugin.PluginStatus;
import org.neurite.launcher.plugin.TestPlugin;

/** Guice creates plugin extensions, so they can have the launcher's services injected. */
class GuiceExtensionFactoryTest {

    @TempDir
    static Path temp;

    private static Path plugins;

    @BeforeAll
    static void buildPlugins() throws IOException {
        plugins = temp.resolve("plugins");
        TestPlugin.named("injected").injectedActivation("org.example.injected.Glow", "glow")
                .zipInto(plugins, temp.resolve("w"));
        TestPlugin.named("needy").source("org.example.needy.Needy", """
                package org.example.needy;

                import java.util.List;

                import jakarta.inject.Inject;

                import org.neurite.api.Activation;
                import org.neurite.api.ActivationProvider;
                import org.neurite.api.OptionSpec;
                import org.neurite.api.Options;
                import org.pf4j.Extension;

                /** Asks for something nothing binds (Options has no injectable constructor). */
                @Extension
                public class Needy implements ActivationProvider {
                    @Inject
                    public Needy(Options unbound) {
                    }

                    public String name() { return "needy"; }
                    public String description() { return "never created"; }
                    public List<OptionSpec> options() { return List.of(); }
                    public Activation create(Options options) { return null; }
                }
                """).zipInto(plugins, temp.resolve("w"));
    }

    private static Injector injector(Module... overrides) {
        LaunchSettings settings = new LaunchSettings(null, null);
        settings.pluginDirs(List.of(plugins));
        CommandOutput output = new CommandOutput(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return LauncherModules.injector(List.of(
                Modules.override(LauncherModules.all(settings, output)).with(overrides)));
    }

    @Test
    void anExtensionGetsTheBoundBackendThroughItsConstructor() {
        Components components = injector().getInstance(Components.class);

        assertThat(components.activations().find("glow").orElseThrow().description())
                .startsWith("Identity, created with the backend org.neurite.engine.CpuBackend");
    }

    @Test
    void anExtensionGetsTheTestDoubleWhenTheServicesModuleIsSwapped() {
        Backend backend = mock(Backend.class, "mockBackend");
        Components components = injector(binder -> binder.bind(Backend.class).toInstance(backend))
                .getInstance(Components.class);

        assertThat(components.activations().find("glow").orElseThrow().description())
                .isEqualTo("Identity, created with the backend mockBackend");
    }

    @Test
    void anExtensionThatCannotBeCreatedDisablesItsPluginWithTheReason() {
        LoadedPlugins loaded = injector().getInstance(LoadedPlugins.class);

        PluginStatus needy = loaded.plugins().stream().filter(p -> p.id().equals("needy")).findFirst().orElseThrow();
        assertThat(needy.reason()).startsWith("cannot create extension org.example.needy.Needy: ")
                .contains("Options").doesNotContain("\n");
        assertThat(loaded.components().activations().names()).contains("glow").doesNotContain("needy");
    }
}
