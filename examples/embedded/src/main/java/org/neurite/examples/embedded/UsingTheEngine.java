package org.neurite.examples.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.FashionMnist;
import org.neurite.engine.inference.Predictor;
import org.neurite.engine.inference.Prediction;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.ProgressLogger;
import org.neurite.engine.train.Trainer;

/** Trains the Fashion-MNIST MLP, tests it, saves it, loads it back and predicts one image. */
public final class UsingTheEngine {

    public static void main(String[] args) throws IOException {
        Sequential model = Sequential.builder(Shape.of(1, 28, 28)).seed(0)
                .add("flatten", Map.of())
                .add("dense", Map.of("units", 256, "activation", "relu"))
                .add("dense", Map.of("units", 128, "activation", "relu"))
                .add("dense", Map.of("units", 10))
                .build();
        FashionMnist.Splits data = FashionMnist.load(Path.of("examples/data/fashion-mnist"));
        // Validate on a tenth of the training data; the test set is only for the final figure.
        Dataset.Split split = data.train().split(0.9, new SplittableRandom(0));
        Components components = Components.builtIns();
        Loss loss = components.loss("cross_entropy", Options.empty());
        Optimizer adam = components.optimizer("adam", Options.of(Map.of("lr", 1e-3)));
        Trainer trainer = Trainer.builder(model, loss, adam)
                .epochs(10).batchSize(128).seed(0).listener(new ProgressLogger(System.out)).build();
        trainer.fit(split.train(), split.validation());
        System.out.println("test accuracy " + new Evaluator(model, loss, 1000).evaluate(data.test()).accuracy());

        // Save it with what prediction needs; the reader scaled pixels to [0, 1], so the
        // saved model divides raw pixels (0-255) by 255 itself.
        Path file = Files.createDirectories(Path.of("fashion-mlp")).resolve("model.json");
        Predictor.save(file, model, Preprocessing.scale(255), FashionMnist.CLASS_NAMES, "cross_entropy");
        Predictor predictor = Predictor.load(file);
        float[] pixels = data.test().features(0);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] *= 255;
        }
        Prediction p = predictor.predict(pixels);
        System.out.println(p.name() + " (class " + p.index() + "), probability " + p.probability());
    }
}
