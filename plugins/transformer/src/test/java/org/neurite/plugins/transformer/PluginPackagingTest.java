package org.neurite.plugins.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.ActivationProvider;
import org.neurite.api.ComponentProvider;
import org.neurite.api.InitializerProvider;
import org.neurite.api.LayerProvider;
import org.neurite.api.LossProvider;
import org.neurite.api.NeuriteApi;
import org.neurite.api.OptimizerProvider;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultVersionManager;
import org.pf4j.Extension;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Checks the plugin as the launcher receives it: the zip the build made (its path comes from the
 * build in {@code neurite.plugin.zip}), its descriptor, its extension index, what it must not
 * contain, and that PF4J loads it and finds every provider.
 */
class PluginPackagingTest {

    private static final List<Class<? extends ComponentProvider>> KINDS = List.of(LayerProvider.class,
            ActivationProvider.class, LossProvider.class, OptimizerProvider.class, InitializerProvider.class);

    private static Path zip;
    private static String pluginId;

    @BeforeAll
    static void findTheZip() {
        zip = Path.of(System.getProperty("neurite.plugin.zip", "target/missing.zip"));
        pluginId = System.getProperty("neurite.plugin.id", "transformer");
        assertThat(zip).as("the plugin zip, built before the tests run").isRegularFile();
    }

    @Test
    void theDescriptorComesFromThePom() throws IOException {
        Properties descriptor = descriptor();
        String version = descriptor.getProperty("plugin.version");

        assertThat(descriptor.getProperty("plugin.id")).isEqualTo(pluginId).isEqualTo("transformer");
        assertThat(zip.getFileName().toString()).isEqualTo(pluginId + "-" + version + ".zip");
        assertThat(version).startsWith(NeuriteApi.VERSION);
        assertThat(descriptor.getProperty("plugin.provider")).isNotBlank();
        assertThat(descriptor.getProperty("plugin.description")).contains("multi-head attention");
        assertThat(descriptor.getProperty("plugin.dependencies")).isEmpty();
    }

    @Test
    void itRequiresTheMinorVersionOfTheApiItWasBuiltFor() throws IOException {
        String requires = descriptor().getProperty("plugin.requires");
        String[] api = NeuriteApi.VERSION.split("\\.");
        String nextMinor = api[0] + "." + (Integer.parseInt(api[1]) + 1) + ".0";
        DefaultVersionManager versions = new DefaultVersionManager();

        assertThat(requires).isEqualTo(">=" + api[0] + "." + api[1] + ".0 & <" + nextMinor);
        assertThat(versions.checkVersionConstraint(NeuriteApi.VERSION, requires)).isTrue();
        assertThat(versions.checkVersionConstraint(api[0] + "." + api[1] + ".9", requires)).isTrue();
        assertThat(versions.checkVersionConstraint(nextMinor, requires)).isFalse();
    }

    @Test
    void theExtensionIndexListsEveryProviderClassOfThePlugin() throws IOException {
        List<String> indexed = extensionIndex();
        List<String> providers = providerClassesInTheZip();

        assertThat(providers).hasSize(PluginComponents.providers().size());
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(providers);
        for (String name : indexed) {
            assertThat(load(name).isAnnotationPresent(Extension.class)).as(name + " is marked @Extension").isTrue();
        }
    }

    @Test
    void itHoldsNeitherTheApiNorPf4jNorTheEngine() throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();

            assertThat(names).contains("plugin.properties", "classes/META-INF/extensions.idx");
            assertThat(names).noneMatch(n -> n.startsWith("classes/org/neurite/api/")
                    || n.startsWith("classes/org/neurite/engine/") || n.startsWith("classes/org/pf4j/"));
            assertThat(names).noneMatch(n -> n.startsWith("lib/") && (n.contains("neurite-api") || n.contains("pf4j")
                    || n.contains("neurite-engine")));
            assertThat(names).as("extensions are found through extensions.idx only")
                    .noneMatch(n -> n.contains("META-INF/services/"));
        }
    }

    @Test
    void pf4jLoadsTheZipAndFindsEveryProvider(@TempDir Path pluginsFolder) throws IOException {
        Files.copy(zip, pluginsFolder.resolve(zip.getFileName()));
        PluginManager plugins = new DefaultPluginManager(pluginsFolder);
        plugins.setSystemVersion(NeuriteApi.VERSION);
        try {
            plugins.loadPlugins();
            plugins.startPlugins();
            PluginWrapper plugin = plugins.getPlugin(pluginId);

            assertThat(plugin).as("plugin " + pluginId + " loaded").isNotNull();
            assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
            for (Class<? extends ComponentProvider> kind : KINDS) {
                List<? extends ComponentProvider> found = plugins.getExtensions(kind, pluginId);
                assertThat(names(found)).as(kind.getSimpleName()).isEqualTo(names(
                        PluginComponents.providers().stream().filter(kind::isInstance).toList()));
                assertThat(found).allSatisfy(p -> assertThat(p.getClass().getClassLoader())
                        .as("loaded from the zip, not the test class path").isSameAs(plugin.getPluginClassLoader()));
            }
        } finally {
            plugins.stopPlugins();
            plugins.unloadPlugins();
        }
    }

    private static List<String> names(List<? extends ComponentProvider> providers) {
        return providers.stream().map(ComponentProvider::name).sorted().toList();
    }

    private static Properties descriptor() throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile());
             InputStream in = file.getInputStream(file.getEntry("plugin.properties"))) {
            Properties p = new Properties();
            p.load(in);
            return p;
        }
    }

    private static List<String> extensionIndex() throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile());
             var reader = new java.io.BufferedReader(new InputStreamReader(
                     file.getInputStream(file.getEntry("classes/META-INF/extensions.idx")), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toList());
        }
    }

    /** Every concrete provider class in the zip, found by looking at each class rather than at the index. */
    private static List<String> providerClassesInTheZip() throws IOException {
        List<String> providers = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (!name.startsWith("classes/") || !name.endsWith(".class")) {
                    continue;
                }
                String className = name.substring("classes/".length(), name.length() - ".class".length()).replace('/', '.');
                Class<?> type = load(className);
                if (ComponentProvider.class.isAssignableFrom(type) && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers())) {
                    providers.add(className);
                }
            }
        }
        return providers;
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, PluginPackagingTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("class " + className + " of the zip is not on the test class path", e);
        }
    }
}
