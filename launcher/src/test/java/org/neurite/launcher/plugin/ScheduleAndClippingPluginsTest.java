package org.neurite.launcher.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.ScheduleContext;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.registry.Components;
import org.pf4j.DefaultExtensionFactory;

/** Learning rate schedules and gradient clipping come from plugins as every other kind of component does. */
class ScheduleAndClippingPluginsTest {

    @TempDir
    static Path temp;

    private static Path plugins;

    @BeforeAll
    static void buildPlugins() throws IOException {
        plugins = temp.resolve("plugins");
        Path work = temp.resolve("work");
        TestPlugin.named("tuning").schedule("org.example.tuning.HalvingProvider", "halving")
                .clipper("org.example.tuning.ZeroingProvider", "zeroing").zipInto(plugins, work);
        TestPlugin.named("copycat").schedule("org.example.copycat.Cosine", "cosine").zipInto(plugins, work);
    }

    private static LoadedPlugins load() {
        NeuritePluginManager manager = new NeuritePluginManager(List.of(plugins), new DefaultExtensionFactory());
        return LoadedPlugins.load(manager, Components.builtIns());
    }

    @Test
    void aPluginsScheduleAndClippingAreRegisteredAndSelectableByType() {
        LoadedPlugins loaded = load();
        PluginStatus tuning = loaded.plugins().stream().filter(p -> p.id().equals("tuning")).findFirst().orElseThrow();
        assertThat(tuning.isStarted()).isTrue();
        assertThat(tuning.provides()).containsExactlyInAnyOrder("learning rate schedule halving",
                "gradient clipping method zeroing");

        Components components = loaded.components();
        LearningRateSchedule halving = components.schedule(
                Options.of("optimizer.schedule", Map.of("type", "halving", "every", 2)), new ScheduleContext(0.8, 10));
        assertThat(new double[] {halving.rate(0), halving.rate(1), halving.rate(2), halving.rate(5)})
                .containsExactly(0.8, 0.8, 0.4, 0.2);

        Parameter p = CpuBackend.instance().parameter(Shape.of(2), components.initializer("ones", Options.empty()),
                new SplittableRandom(0));
        p.value().mul(p.value()).sum().backward();
        assertThat(p.gradient()).containsExactly(2f, 2f);
        assertThat(components.clipper(Options.of("optimizer.clip", Map.of("type", "zeroing")))
                .clip(Map.of("weight", p))).isEqualTo(1.0);
        assertThat(p.gradient()).containsOnly(0f);
    }

    @Test
    void aPluginsScheduleNamedAsABuiltInOneStaysReachableByItsQualifiedName() {
        LoadedPlugins loaded = load();
        PluginStatus copycat = loaded.plugins().stream().filter(p -> p.id().equals("copycat")).findFirst().orElseThrow();
        assertThat(copycat.isStarted()).isTrue();
        assertThat(loaded.components().schedules().entry("cosine", "optimizer.schedule.type").builtIn()).isTrue();
        assertThat(loaded.components().schedules().entry("copycat:cosine", "optimizer.schedule.type").owner())
                .isEqualTo("copycat");
    }
}
