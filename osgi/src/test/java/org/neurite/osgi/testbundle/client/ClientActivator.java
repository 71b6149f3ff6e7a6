package org.neurite.osgi.testbundle.client;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.osgi.BundleWatch;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * An application bundle that trains through the registry service. The test reaches it through
 * a {@code Function<String, Map<String, Object>>} service, so that only JDK types cross
 * between the test's class loader and the framework's: {@code train}, {@code build} and
 * {@code train-stopping <bundle id>} (stops that bundle after the first epoch).
 */
public final class ClientActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("neurite.test", "client");
        Function<String, Map<String, Object>> commands = command -> run(context, command);
        context.registerService(Function.class, commands, properties);
    }

    @Override
    public void stop(BundleContext context) {
    }

    private static Map<String, Object> run(BundleContext context, String command) {
        Map<String, Object> result = new LinkedHashMap<>();
        ServiceReference<Components> reference = context.getServiceReference(Components.class);
        Components components = context.getService(reference);
        try {
            result.put("layers", components.layers().names());
            String[] words = command.split(" ");
            Sequential model = Sequential.builder(Shape.of(2)).seed(0).components(components)
                    .add("dense", Map.of("units", 8, "activation", "tanh"))
                    .add("scale", Map.of("factor", 2.0))
                    .add("dense", Map.of("units", 2))
                    .build();
            result.put("scale class loader", String.valueOf(model.layers().get(1).getClass().getClassLoader()));
            if (words[0].equals("build")) {
                return result;
            }
            Dataset data = SyntheticData.blobs(200, 2, 2, 0.5, new SplittableRandom(1));
            Trainer.Builder trainer = Trainer.builder(model, components.loss("cross_entropy", Options.empty()),
                    components.optimizer("adam", Options.of(Map.of("lr", 0.05)))).epochs(5).batchSize(20).seed(0);
            if (words[0].equals("train-stopping")) {
                Bundle provider = context.getBundle(Long.parseLong(words[1]));
                trainer.listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Trainer t, org.neurite.engine.train.EpochResult r) {
                        try {
                            provider.stop();
                        } catch (BundleException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }
            trainer.listener(BundleWatch.of(model));
            TrainingHistory history = trainer.build().fit(data);
            List<Double> losses = history.epochs().stream().map(e -> e.loss()).toList();
            result.put("losses", losses);
            result.put("accuracy", history.last().accuracy());
        } catch (RuntimeException e) {
            result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            context.ungetService(reference);
        }
        return result;
    }
}
