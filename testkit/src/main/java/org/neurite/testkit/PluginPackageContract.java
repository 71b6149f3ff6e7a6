package org.neurite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.neurite.api.ActivationProvider;
import org.neurite.api.ComponentProvider;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.GradientClipperProvider;
import org.neurite.api.InitializerProvider;
import org.neurite.api.LayerProvider;
import org.neurite.api.LossProvider;
import org.neurite.api.NeuriteApi;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.ScheduleProvider;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultVersionManager;
import org.pf4j.Extension;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The contract of a plugin as the launcher receives it, as JUnit 5 dynamic tests: the zip the build
 * made (its path comes from the build in {@code neurite.plugin.zip}, the id in {@code neurite.plugin.id})
 * is checked for
 * <ul>
 * <li>its descriptor: id, version, provider and description from the POM, no dependencies, and a
 *     {@code plugin.requires} range that accepts exactly the minor version of the api it was built for;</li>
 * <li>its extension index: it lists every concrete provider class of the zip, each marked {@code @Extension};</li>
 * <li>what it must not hold: the api, the engine or PF4J, as classes or jars, or {@code META-INF/services};</li>
 * <li>loading: PF4J starts it and finds, for each provider kind, the plugin's providers, loaded from the zip.</li>
 * </ul>
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> packaging() {
 *     return PluginPackageContract.of("perceptron", PluginComponents.providers()).describedAs("McCulloch-Pitts").tests();
 * }
 * }</pre>
 */
public final class PluginPackageContract {

    private static final List<Class<? extends ComponentProvider>> KINDS = List.of(LayerProvider.class,
            ActivationProvider.class, LossProvider.class, OptimizerProvider.class, InitializerProvider.class,
            DataSourceProvider.class, ScheduleProvider.class, GradientClipperProvider.class);

    private final String expectedId;
    private final List<ComponentProvider> providers;
    private String descriptionPart = "";

    private PluginPackageContract(String expectedId, List<? extends ComponentProvider> providers) {
        this.expectedId = expectedId;
        this.providers = List.copyOf(providers);
    }

    /**
     * @param pluginId the id the plugin's POM sets in {@code neurite.plugin.id}
     * @param providers a new instance of every provider the plugin ships
     * @return the contract of that plugin's zip
     */
    public static PluginPackageContract of(String pluginId, List<? extends ComponentProvider> providers) {
        return new PluginPackageContract(pluginId, providers);
    }

    /** @return this contract expecting {@code plugin.description} to contain that text */
    public PluginPackageContract describedAs(String part) {
        this.descriptionPart = part;
        return this;
    }

    /** @return the checks, one dynamic test each */
    public Stream<DynamicNode> tests() {
        return Stream.of(
                test("the descriptor comes from the pom", this::theDescriptorComesFromThePom),
                test("it requires the minor version of the api it was built for",
                        this::itRequiresTheMinorVersionOfTheApiItWasBuiltFor),
                test("the extension index lists every provider class of the plugin",
                        this::theExtensionIndexListsEveryProviderClassOfThePlugin),
                test("it holds neither the api nor pf4j nor the engine", this::itHoldsNeitherTheApiNorPf4jNorTheEngine),
                test("pf4j loads the zip and finds every provider", this::pf4jLoadsTheZipAndFindsEveryProvider));
    }

    private static DynamicNode test(String name, Executable check) {
        return DynamicTest.dynamicTest(name, check);
    }

    private Path zip() {
        Path zip = Path.of(System.getProperty("neurite.plugin.zip", "target/missing.zip"));
        assertThat(zip).as("the plugin zip, built before the tests run").isRegularFile();
        return zip;
    }

    private String pluginId() {
        return System.getProperty("neurite.plugin.id", expectedId);
    }

    private void theDescriptorComesFromThePom() throws IOException {
        Properties descriptor = descriptor();
        String version = descriptor.getProperty("plugin.version");

        assertThat(descriptor.getProperty("plugin.id")).isEqualTo(pluginId()).isEqualTo(expectedId);
        assertThat(zip().getFileName().toString()).isEqualTo(pluginId() + "-" + version + ".zip");
        assertThat(version).startsWith(NeuriteApi.VERSION);
        assertThat(descriptor.getProperty("plugin.provider")).isNotBlank();
        assertThat(descriptor.getProperty("plugin.description")).contains(descriptionPart);
        assertThat(descriptor.getProperty("plugin.dependencies")).isEmpty();
    }

    private void itRequiresTheMinorVersionOfTheApiItWasBuiltFor() throws IOException {
        String requires = descriptor().getProperty("plugin.requires");
        String[] api = NeuriteApi.VERSION.split("\\.");
        String nextMinor = api[0] + "." + (Integer.parseInt(api[1]) + 1) + ".0";
        DefaultVersionManager versions = new DefaultVersionManager();

        assertThat(requires).isEqualTo(">=" + api[0] + "." + api[1] + ".0 & <" + nextMinor);
        assertThat(versions.checkVersionConstraint(NeuriteApi.VERSION, requires)).isTrue();
        assertThat(versions.checkVersionConstraint(api[0] + "." + api[1] + ".9", requires)).isTrue();
        assertThat(versions.checkVersionConstraint(nextMinor, requires)).isFalse();
    }

    private void theExtensionIndexListsEveryProviderClassOfThePlugin() throws IOException {
        List<String> indexed = extensionIndex();
        List<String> inTheZip = providerClassesInTheZip();

        assertThat(inTheZip).hasSize(providers.size());
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(inTheZip);
        for (String name : indexed) {
            assertThat(load(name).isAnnotationPresent(Extension.class)).as(name + " is marked @Extension").isTrue();
        }
    }

    private void itHoldsNeitherTheApiNorPf4jNorTheEngine() throws IOException {
        try (ZipFile file = new ZipFile(zip().toFile())) {
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

    private void pf4jLoadsTheZipAndFindsEveryProvider() throws IOException {
        Path zip = zip();
        String pluginId = pluginId();
        Path pluginsFolder = Files.createTempDirectory("neurite-plugins");
        try {
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
                    assertThat(names(found)).as(kind.getSimpleName())
                            .isEqualTo(names(providers.stream().filter(kind::isInstance).toList()));
                    assertThat(found).allSatisfy(p -> assertThat(p.getClass().getClassLoader())
                            .as("loaded from the zip, not the test class path").isSameAs(plugin.getPluginClassLoader()));
                }
            } finally {
                plugins.stopPlugins();
                plugins.unloadPlugins();
            }
        } finally {
            deleteRecursively(pluginsFolder);
        }
    }

    private static List<String> names(List<? extends ComponentProvider> providers) {
        return providers.stream().map(ComponentProvider::name).sorted().toList();
    }

    private Properties descriptor() throws IOException {
        try (ZipFile file = new ZipFile(zip().toFile());
             InputStream in = file.getInputStream(file.getEntry("plugin.properties"))) {
            Properties p = new Properties();
            p.load(in);
            return p;
        }
    }

    private List<String> extensionIndex() throws IOException {
        try (ZipFile file = new ZipFile(zip().toFile());
             BufferedReader reader = new BufferedReader(new InputStreamReader(
                     file.getInputStream(file.getEntry("classes/META-INF/extensions.idx")), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /** Every concrete provider class in the zip, found by looking at each class rather than at the index. */
    private List<String> providerClassesInTheZip() throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip().toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (!name.startsWith("classes/") || !name.endsWith(".class")) {
                    continue;
                }
                String className = name.substring("classes/".length(), name.length() - ".class".length()).replace('/', '.');
                Class<?> type = load(className);
                if (ComponentProvider.class.isAssignableFrom(type) && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers())) {
                    found.add(className);
                }
            }
        }
        return found;
    }

    /** Loads a class of the zip from the test class path, where the plugin's own classes are too. */
    private Class<?> load(String className) {
        ClassLoader testClassPath = providers.isEmpty() ? PluginPackageContract.class.getClassLoader()
                : providers.get(0).getClass().getClassLoader();
        try {
            return Class.forName(className, false, testClassPath);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("class " + className + " of the zip is not on the test class path", e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
