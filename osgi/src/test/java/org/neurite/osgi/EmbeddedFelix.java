package org.neurite.osgi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * An Apache Felix framework for a test: a fresh storage folder, the Vector API exported when
 * this JVM has it, bundles installed from jars, and test bundles packed from test classes.
 */
final class EmbeddedFelix implements AutoCloseable {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private final Framework framework;

    private EmbeddedFelix(Framework framework) {
        this.framework = framework;
    }

    static EmbeddedFelix start(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, VECTOR_MODULE);
        }
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.start();
        return new EmbeddedFelix(framework);
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs and starts bundles in order. */
    List<Bundle> installAndStart(Path... jars) throws BundleException {
        List<Bundle> bundles = new java.util.ArrayList<>();
        for (Path jar : jars) {
            bundles.add(context().installBundle(jar.toUri().toString()));
        }
        for (Bundle b : bundles) {
            b.start();
        }
        return bundles;
    }

    /** Uninstalls a bundle and waits until the framework has dropped its wiring. */
    void uninstallAndRefresh(Bundle bundle) throws BundleException, InterruptedException {
        bundle.uninstall();
        CountDownLatch refreshed = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        if (!refreshed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the framework did not refresh within 10 s");
        }
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** @return the jar (or classes folder) a class was loaded from */
    static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Packs the classes of one package of the test classes into a bundle.
     *
     * @param out the jar to write
     * @param symbolicName its Bundle-SymbolicName
     * @param member a class of the package, which also locates the test classes
     * @param activator the Bundle-Activator
     * @param imports the Import-Package header
     */
    static Path testBundle(Path out, String symbolicName, Class<?> member, Class<?> activator, String imports)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        main.putValue(Constants.BUNDLE_ACTIVATOR, activator.getName());
        main.putValue(Constants.IMPORT_PACKAGE, imports);
        String folder = member.getPackageName().replace('.', '/');
        Path classes = jarOf(member).resolve(folder);
        try (OutputStream file = Files.newOutputStream(out);
                JarOutputStream jar = new JarOutputStream(file, manifest);
                Stream<Path> entries = Files.list(classes)) {
            for (Path c : entries.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                jar.putNextEntry(new JarEntry(folder + "/" + c.getFileName()));
                jar.write(Files.readAllBytes(c));
                jar.closeEntry();
            }
        }
        return out;
    }
}
