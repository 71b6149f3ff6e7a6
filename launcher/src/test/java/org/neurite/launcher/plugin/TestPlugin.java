package org.neurite.launcher.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import jakarta.inject.Inject;

import org.neurite.api.ComponentProvider;
import org.pf4j.Extension;

/**
 * Builds a small plugin zip at test time, laid out as the distribution's are: {@code
 * plugin.properties} at the root and the classes under {@code classes/}. The sources are
 * compiled with PF4J's annotation processor, which writes {@code META-INF/extensions.idx}, against
 * the api, PF4J and jakarta.inject only (as a plugin's provided dependencies).
 */
public final class TestPlugin {

    private final String id;
    private String version = "1.0.0";
    private String requires = ">=0.2.0 & <0.3.0";
    private String pluginClass;
    private String dependencies;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> removedClasses = new ArrayList<>();

    private TestPlugin(String id) {
        this.id = id;
    }

    /** @return a plugin with this id, version 1.0.0, built for api 0.1.x */
    public static TestPlugin named(String id) {
        return new TestPlugin(id);
    }

    public TestPlugin version(String v) {
        this.version = v;
        return this;
    }

    public TestPlugin requires(String range) {
        this.requires = range;
        return this;
    }

    public TestPlugin pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    public TestPlugin dependencies(String value) {
        this.dependencies = value;
        return this;
    }

    /**
     * @param className the binary name of a top-level class
     * @param source its source
     */
    public TestPlugin source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Adds a layer provider of the given name that builds a flatten layer. */
    public TestPlugin layer(String className, String name) {
        return source(className, FixtureSources.layerProvider(className, name));
    }

    /** Adds an activation provider that gets the backend injected through its constructor. */
    public TestPlugin injectedActivation(String className, String name) {
        return source(className, FixtureSources.injectedActivationProvider(className, name));
    }

    /** Adds a learning rate schedule provider of the given name (option {@code every}: halve the rate that often). */
    public TestPlugin schedule(String className, String name) {
        return source(className, FixtureSources.scheduleProvider(className, name));
    }

    /** Adds a gradient clipping provider of the given name whose clipper zeroes every gradient. */
    public TestPlugin clipper(String className, String name) {
        return source(className, FixtureSources.clipperProvider(className, name));
    }

    /** Leaves a compiled class out of the zip, while the extension index still lists it. */
    public TestPlugin withoutClass(String className) {
        removedClasses.add(className);
        return this;
    }

    /**
     * Compiles, lays out and zips the plugin.
     *
     * @param pluginsFolder where the zip goes
     * @param work a scratch folder
     * @return the zip, named {@code <id>-<version>.zip}
     */
    public Path zipInto(Path pluginsFolder, Path work) throws IOException {
        Path layout = work.resolve(id + "-layout");
        Path classes = layout.resolve("classes");
        Files.createDirectories(classes);
        compile(classes, work.resolve(id + "-src"));
        for (String removed : removedClasses) {
            Files.delete(classes.resolve(removed.replace('.', '/') + ".class"));
        }
        Files.writeString(layout.resolve("plugin.properties"), properties());
        Files.createDirectories(pluginsFolder);
        Path zip = pluginsFolder.resolve(id + "-" + version + ".zip");
        zip(layout, zip);
        return zip;
    }

    private String properties() {
        StringBuilder p = new StringBuilder();
        p.append("plugin.id=").append(id).append('\n');
        p.append("plugin.version=").append(version).append('\n');
        p.append("plugin.provider=Neurite tests\n");
        p.append("plugin.description=Test plugin ").append(id).append('\n');
        p.append("plugin.requires=").append(requires).append('\n');
        if (pluginClass != null) {
            p.append("plugin.class=").append(pluginClass).append('\n');
        }
        if (dependencies != null) {
            p.append("plugin.dependencies=").append(dependencies).append('\n');
        }
        return p.toString();
    }

    private void compile(Path classes, Path sourceRoot) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = sourceRoot.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            List<String> options = List.of(
                    "--release", "17",
                    "-classpath", providedClassPath(),
                    "-d", classes.toString(),
                    // PF4J's processor, named explicitly as a plugin build must (an explicit list without it
                    // silently drops the index). The api's interfaces are not PF4J ExtensionPoints: with this
                    // option the one interface a plain @Extension class implements is its extension point
                    // (@Extension(points = ...) accepts ExtensionPoint subtypes only).
                    "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor",
                    "-Apf4j.ignoreExtensionPoint=true");
            boolean ok = javac.getTask(messages, fm, null, options, null, units).call();
            assertThat(ok).as("compiling test plugin %s: %s", id, messages).isTrue();
        }
    }

    /** The api, PF4J and jakarta.inject: what a plugin compiles against, as provided dependencies. */
    private static String providedClassPath() {
        return Stream.of(ComponentProvider.class, Extension.class, Inject.class)
                .map(TestPlugin::locationOf)
                .map(Path::toString)
                .reduce((a, b) -> a + java.io.File.pathSeparator + b)
                .orElseThrow();
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void zip(Path folder, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip);
             ZipOutputStream z = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
    }
}
