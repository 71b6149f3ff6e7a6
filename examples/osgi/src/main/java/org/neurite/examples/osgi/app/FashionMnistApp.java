package org.neurite.examples.osgi.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.FashionMnist;
import org.neurite.engine.inference.Predictor;
import org.neurite.engine.inference.Prediction;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;
import org.neurite.osgi.BundleWatch;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The application bundle: trains the 784-256-128-10 MLP on Fashion-MNIST with components from
 * the registry service, validating on a tenth of the training data and testing on the test
 * set. The launcher calls it through a {@code Function<Map, Map>} service (property
 * {@code neurite.example=fashion-mlp}), so only JDK types cross the framework's boundary.
 *
 * <p>Arguments: {@code data} (folder), {@code epochs}, {@code trainLimit} (0 for all 60,000).
 * Results: {@code firstPredictionNanos} ({@link System#nanoTime()} when the first prediction
 * was made), {@code firstPrediction}, {@code validationAccuracy}, {@code testAccuracy},
 * {@code trainSeconds}.
 */
public final class FashionMnistApp implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("neurite.example", "fashion-mlp");
        Function<Map<String, Object>, Map<String, Object>> app = args -> run(context, args);
        context.registerService(Function.class, app, properties);
    }

    @Override
    public void stop(BundleContext context) {
    }

    private static Map<String, Object> run(BundleContext context, Map<String, Object> args) {
        ServiceReference<Components> reference = context.getServiceReference(Components.class);
        if (reference == null) {
            throw new IllegalStateException("no Components service: is the bundle org.neurite.osgi started?");
        }
        Components components = context.getService(reference);
        try {
            return train(components, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            context.ungetService(reference);
        }
    }

    private static Map<String, Object> train(Components components, Map<String, Object> args) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        Path folder = Path.of((String) args.get("data"));
        int epochs = (Integer) args.getOrDefault("epochs", 10);
        int trainLimit = (Integer) args.getOrDefault("trainLimit", 0);

        Sequential network = Sequential.builder(Shape.of(1, 28, 28)).seed(0).components(components)
                .add("flatten", Map.of())
                .add("dense", Map.of("units", 256, "activation", "relu"))
                .add("dense", Map.of("units", 128, "activation", "relu"))
                .add("dense", Map.of("units", 10))
                .build();
        // The readers scale pixels to [0, 1] already, so the model takes them as they come.
        Predictor model = Predictor.of(network, Preprocessing.NONE, FashionMnist.CLASS_NAMES, "cross_entropy");
        Dataset test = FashionMnist.loadTest(folder);
        Prediction first = model.predict(test.features(0));
        result.put("firstPredictionNanos", System.nanoTime());
        result.put("firstPrediction", first.toString());

        Dataset train = FashionMnist.loadTrain(folder);
        if (trainLimit > 0 && trainLimit < train.size()) {
            train = train.subset(0, trainLimit);
        }
        Dataset.Split split = train.split(0.9, new SplittableRandom(0));
        Trainer trainer = Trainer.builder(network, components.loss("cross_entropy", Options.empty()),
                        components.optimizer("adam", Options.of(Map.of("lr", 1e-3))))
                .epochs(epochs).batchSize(128).seed(0)
                .listener(BundleWatch.of(network))
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Trainer t, EpochResult r) {
                        System.out.printf(Locale.ROOT, "epoch %d: train loss %.4f, train acc %.4f, validation acc %.4f, %.1f s%n",
                                r.epoch(), r.loss(), r.accuracy(), r.validationAccuracy(), r.seconds());
                    }
                })
                .build();
        long start = System.nanoTime();
        var history = trainer.fit(split.train(), split.validation());
        result.put("trainSeconds", (System.nanoTime() - start) / 1e9);
        result.put("validationAccuracy", history.last().validationAccuracy());
        result.put("testAccuracy", new Evaluator(network, null, 1000).evaluate(test).accuracy());
        return result;
    }
}
