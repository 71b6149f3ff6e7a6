package org.neurite.examples.osgi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * Launches Apache Felix with the api, engine and neurite-osgi bundles (from {@code bundles/}
 * beside this jar) and this jar as the application bundle, runs the application and prints
 * what it measured: the time from framework start to the first prediction, validation and
 * test accuracy.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar neurite-example-osgi.jar [data folder] [--epochs N] [--train-limit N]
 * </pre>
 * Without {@code --add-modules jdk.incubator.vector} the engine inside the framework runs its
 * plain-Java kernels (and says so in a warning).
 */
public final class FelixLauncher {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final List<String> NEURITE_BUNDLES = List.of("neurite-api.jar", "neurite-engine.jar", "neurite-osgi.jar");

    private FelixLauncher() {
    }

    /**
     * @param args an optional data folder, {@code --epochs N}, {@code --train-limit N}
     * @throws Exception if the framework or the application fails
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of("examples", "data", "fashion-mnist");
        int epochs = 10;
        int trainLimit = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--train-limit" -> trainLimit = Integer.parseInt(args[++i]);
                default -> data = Path.of(args[i]);
            }
        }
        Path jar = ownJar();
        Map<String, Object> result = run(jar.resolveSibling("bundles"), jar, Files.createTempDirectory("neurite-felix"),
                Map.of("data", data.toAbsolutePath().toString(), "epochs", epochs, "trainLimit", trainLimit));
        System.out.printf(Locale.ROOT, "Felix start to first prediction: %.0f ms (bundles active after %.0f ms; then the"
                + " model built and the test images read; %s)%n", (Double) result.get("startToFirstPredictionMillis"),
                (Double) result.get("startToBundlesActiveMillis"), result.get("firstPrediction"));
        System.out.printf(Locale.ROOT, "training: %.1f s; validation accuracy %.4f; test accuracy %.4f%n",
                (Double) result.get("trainSeconds"), (Double) result.get("validationAccuracy"),
                (Double) result.get("testAccuracy"));
    }

    /**
     * Starts a framework, installs and starts the bundles, runs the application, stops the framework.
     *
     * @param bundles the folder holding the api, engine and neurite-osgi jars
     * @param application the application bundle's jar
     * @param storage the framework's storage folder (cleaned first)
     * @param args the application's arguments
     * @return the application's results, plus {@code startToBundlesActiveMillis} and
     *     {@code startToFirstPredictionMillis}
     * @throws Exception if the framework or the application fails
     */
    public static Map<String, Object> run(Path bundles, Path application, Path storage, Map<String, Object> args)
            throws Exception {
        long start = System.nanoTime();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // The engine's optional import of the Vector API is wired only if the framework exports it.
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, VECTOR_MODULE);
        }
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (String name : NEURITE_BUNDLES) {
                installed.add(context.installBundle(bundles.resolve(name).toUri().toString()));
            }
            installed.add(context.installBundle(application.toUri().toString()));
            for (Bundle b : installed) {
                b.start();
            }
            long started = System.nanoTime();
            Map<String, Object> result = new HashMap<>(application(context).apply(args));
            result.put("startToBundlesActiveMillis", (started - start) / 1e6);
            result.put("startToFirstPredictionMillis", ((Long) result.get("firstPredictionNanos") - start) / 1e6);
            return result;
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @SuppressWarnings("unchecked")
    private static Function<Map<String, Object>, Map<String, Object>> application(BundleContext context) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(Function.class.getName(), "(neurite.example=fashion-mlp)");
        if (refs == null) {
            throw new IllegalStateException("the application bundle registered no service (neurite.example=fashion-mlp)");
        }
        return (Function<Map<String, Object>, Map<String, Object>>) context.getService(refs[0]);
    }

    private static Path ownJar() throws URISyntaxException, IOException {
        Path location = Path.of(FelixLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(location)) {
            throw new IOException("run the launcher from its jar (target/neurite-example-osgi.jar), not from " + location);
        }
        return location;
    }
}
