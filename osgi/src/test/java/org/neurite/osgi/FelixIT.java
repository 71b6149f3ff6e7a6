package org.neurite.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Tensor;
import org.neurite.engine.registry.Components;
import org.neurite.osgi.internal.NeuriteActivator;
import org.neurite.osgi.testbundle.client.ClientActivator;
import org.neurite.osgi.testbundle.provider.ProviderActivator;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The api, engine and neurite-osgi bundles in a real Apache Felix framework, with a provider
 * bundle and an application bundle packed from this module's test classes. Runs after
 * {@code package}, on the jars the build made.
 */
class FelixIT {

    private static final String API = "org.neurite.api;version=\"[0.2,0.3)\"";
    private static final String PROVIDER_IMPORTS = API + ",org.osgi.framework";
    private static final String CLIENT_IMPORTS = API + ",org.neurite.engine.data,org.neurite.engine.nn,"
            + "org.neurite.engine.registry,org.neurite.engine.train,org.neurite.osgi,org.osgi.framework";
    private static final String SCALE_GONE = "layer type 'scale' is no longer available: its provider"
            + " org.neurite.osgi.testbundle.provider.ScaleProvider left with bundle org.neurite.test.provider 1.0.0 (stopped)";

    @TempDir
    Path dir;

    private EmbeddedFelix felix;
    private Bundle provider;

    private List<Bundle> neurite;

    @BeforeEach
    void startFelixWithTheBundles() throws Exception {
        felix = EmbeddedFelix.start(dir.resolve("felix-cache"));
        neurite = felix.installAndStart(EmbeddedFelix.jarOf(Tensor.class),
                EmbeddedFelix.jarOf(Components.class), EmbeddedFelix.jarOf(NeuriteActivator.class));
        assertThat(neurite).extracting(Bundle::getSymbolicName)
                .containsExactly("org.neurite.api", "org.neurite.engine", "org.neurite.osgi");
        assertThat(neurite).allSatisfy(b -> assertThat(b.getState()).isEqualTo(Bundle.ACTIVE));
        provider = felix.installAndStart(EmbeddedFelix.testBundle(dir.resolve("provider.jar"),
                "org.neurite.test.provider", ProviderActivator.class, ProviderActivator.class, PROVIDER_IMPORTS)).get(0);
        felix.installAndStart(EmbeddedFelix.testBundle(dir.resolve("client.jar"), "org.neurite.test.client",
                ClientActivator.class, ClientActivator.class, CLIENT_IMPORTS));
    }

    @AfterEach
    void stopFelix() throws Exception {
        felix.close();
    }

    @Test
    void theRegistryServiceIsPublishedWithTheApiVersion() throws Exception {
        // All references: this test's Components class is not the engine bundle's.
        ServiceReference<?>[] refs = felix.context().getAllServiceReferences(Components.class.getName(), null);
        assertThat(refs).hasSize(1);
        assertThat(refs[0].getProperty("neurite.api.version")).isEqualTo("0.2.0");
        assertThat(refs[0].getBundle().getSymbolicName()).isEqualTo("org.neurite.osgi");
    }

    @Test
    void aProviderServiceIsUsableByNameAndTrainingThroughTheRegistryLearns() {
        Map<String, Object> result = client("train");
        assertThat(result).doesNotContainKey("error");
        assertThat(layers(result)).contains("dense", "flatten", "scale");
        assertThat((String) result.get("scale class loader")).contains("org.neurite.test.provider");
        @SuppressWarnings("unchecked")
        List<Double> losses = (List<Double>) result.get("losses");
        assertThat(losses).hasSize(5);
        assertThat(losses.get(4)).isLessThan(losses.get(0) * 0.5);
        assertThat((Double) result.get("accuracy")).isGreaterThan(0.9);
    }

    @Test
    void aStoppedBundleTakesItsProviderAwayAndItsClassLoaderCanBeCollected() throws Exception {
        assertThat(client("train")).doesNotContainKey("error");
        WeakReference<ClassLoader> loader = new WeakReference<>(provider.adapt(BundleWiring.class).getClassLoader());

        provider.stop();
        Map<String, Object> result = client("build");
        assertThat(layers(result)).doesNotContain("scale").contains("dense");
        assertThat((String) result.get("error")).isEqualTo("OptionException: layers[1].type: " + SCALE_GONE);

        felix.uninstallAndRefresh(provider);
        provider = null;
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(loader.get()).as("the provider bundle's class loader, after uninstall and refresh").isNull();
    }

    @Test
    void aBundleStoppingMidTrainingEndsTheRunNamingLayerAndBundle() throws Exception {
        Map<String, Object> result = client("train-stopping " + provider.getBundleId());
        assertThat((String) result.get("error")).isEqualTo("ProviderGoneException: model.layers[1] (layer type 'scale',"
                + " org.neurite.osgi.testbundle.provider.ScaleProvider$1) comes from bundle org.neurite.test.provider"
                + " 1.0.0, which is no longer active (stopped during training: epoch 2, step 11)");
        assertThat(provider.getState()).isEqualTo(Bundle.RESOLVED);
    }

    @Test
    void aProviderRegisteredAgainIsUsableAgain() throws Exception {
        provider.stop();
        assertThat((String) client("build").get("error")).endsWith(SCALE_GONE);
        provider.start();
        assertThat(client("build")).doesNotContainKey("error");
    }

    @Test
    void theEngineIsWiredToTheVectorApiWhenTheFrameworkExportsIt() {
        assertThat(vectorApiWired()).isEqualTo(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    }

    private boolean vectorApiWired() {
        return neurite.get(1).adapt(BundleWiring.class).getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .anyMatch(w -> "jdk.incubator.vector".equals(
                        w.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> layers(Map<String, Object> result) {
        return (List<String>) result.get("layers");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> client(String command) {
        try {
            ServiceReference<?>[] refs = felix.context().getServiceReferences(Function.class.getName(),
                    "(neurite.test=client)");
            assertThat(refs).as("the client bundle's service").hasSize(1);
            Function<String, Map<String, Object>> client =
                    (Function<String, Map<String, Object>>) felix.context().getService(refs[0]);
            try {
                return client.apply(command);
            } finally {
                felix.context().ungetService(refs[0]);
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
