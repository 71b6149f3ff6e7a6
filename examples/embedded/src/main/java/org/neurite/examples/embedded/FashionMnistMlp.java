package org.neurite.examples.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.data.FashionMnist;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * Trains a 784-256-128-10 ReLU network on Fashion-MNIST with nothing but the api and the
 * engine: Adam (learning rate 0.001), batches of 128, 10 epochs, seed 0, as the PyTorch
 * reference {@code pytorch_fashion.py mlp} does. Prints one line per epoch and a confusion
 * matrix of the test set at the end.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar neurite-example-embedded.jar [data folder] [--epochs N]
 * </pre>
 * The data folder holds the four IDX files; it defaults to {@code examples/data/fashion-mnist}.
 */
public final class FashionMnistMlp {

    private static final Path DEFAULT_DATA = Path.of("examples", "data", "fashion-mnist");

    private FashionMnistMlp() {
    }

    /**
     * @param args an optional data folder, and optionally {@code --epochs N}
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path folder = DEFAULT_DATA;
        int epochs = 10;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--epochs") && i + 1 < args.length) {
                epochs = Integer.parseInt(args[++i]);
            } else {
                folder = Path.of(args[i]);
            }
        }
        if (!Files.isRegularFile(folder.resolve("train-images-idx3-ubyte.gz"))
                && !Files.isRegularFile(folder.resolve("train-images-idx3-ubyte"))) {
            System.err.println("Fashion-MNIST not found in " + folder.toAbsolutePath()
                    + ": expected train-images-idx3-ubyte.gz and the three other IDX files there."
                    + " Pass the folder as the first argument, or run from the repository root.");
            System.exit(2);
        }

        // Images come as [1, 28, 28] with pixels scaled to [0, 1], labels as class indices.
        FashionMnist.Splits data = FashionMnist.load(folder);

        // The model, built in Java; dense layers start as PyTorch's nn.Linear does.
        Layer model = Sequential.builder(Shape.of(1, 28, 28)).seed(0)
                .add("flatten", Map.of())
                .add("dense", Map.of("units", 256, "activation", "relu"))
                .add("dense", Map.of("units", 128, "activation", "relu"))
                .add("dense", Map.of("units", 10))
                .build();
        Components components = Components.builtIns();
        Loss loss = components.loss("cross_entropy", Options.empty());
        Optimizer adam = components.optimizer("adam", Options.of(Map.of("lr", 1e-3)));

        System.out.printf("%5s %10s %9s %8s %9s%n", "epoch", "train loss", "train acc", "test acc", "seconds");
        Trainer trainer = Trainer.builder(model, loss, adam)
                .epochs(epochs).batchSize(128).seed(0)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Trainer t, EpochResult r) {
                        // seconds: the training loop only, as in the PyTorch reference
                        System.out.printf(Locale.ROOT, "%5d %10.4f %9.4f %8.4f %9.2f%n", r.epoch(), r.loss(),
                                r.accuracy(), r.validationAccuracy(), r.seconds());
                    }
                })
                .build();
        trainer.fit(data.train(), data.test());

        var evaluation = new Evaluator(model, null, 1000).evaluate(data.test());
        System.out.printf(Locale.ROOT, "%ntest accuracy %.4f; confusion matrix (rows: true class, columns: predicted):%n%s%n",
                evaluation.accuracy(), evaluation.confusion());
        for (int c = 0; c < FashionMnist.NUM_CLASSES; c++) {
            System.out.printf(Locale.ROOT, "%d %-12s precision %.3f  recall %.3f%n", c, FashionMnist.CLASS_NAMES.get(c),
                    evaluation.confusion().precision(c), evaluation.confusion().recall(c));
        }
    }
}
