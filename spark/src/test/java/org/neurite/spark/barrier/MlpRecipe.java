package org.neurite.spark.barrier;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.loss.SoftmaxCrossEntropy;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.nn.SequentialBuilder;
import org.neurite.engine.optim.Adam;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * A ReLU MLP classifier on random data, Adam 1e-3: the Fashion-MNIST MLP's shape is
 * {@code new MlpRecipe(784, List.of(256, 128), 10, ...)}, 235,146 parameters.
 *
 * @param inputs features per sample
 * @param hidden the hidden layers' widths
 * @param classes the number of classes
 * @param samples training samples
 * @param epochs epochs
 * @param batchSize the batch size
 * @param seed the run's seed (weights, data, order)
 * @param fault a worker that fails once, or null
 */
public record MlpRecipe(int inputs, List<Integer> hidden, int classes, int samples, int epochs, int batchSize,
        long seed, FailOnce fault) implements TrainingRecipe {

    private static final long serialVersionUID = 1L;

    /** @return the same run with a worker failing once */
    MlpRecipe failing(FailOnce f) {
        return new MlpRecipe(inputs, hidden, classes, samples, epochs, batchSize, seed, f);
    }

    @Override
    public Model model() {
        SequentialBuilder b = Sequential.builder(Shape.of(inputs)).seed(seed);
        for (int width : hidden) {
            b.add("dense", Map.of("units", width, "activation", "relu"));
        }
        return b.add("dense", Map.of("units", classes)).build();
    }

    @Override
    public Loss loss() {
        return new SoftmaxCrossEntropy();
    }

    @Override
    public Optimizer optimizer(Model model) {
        return Adam.adam(new Adam.Settings(1e-3, 0.9, 0.999, 1e-8, 0, false));
    }

    @Override
    public Dataset trainingData() {
        SplittableRandom random = new SplittableRandom(seed + 1);
        float[] features = new float[samples * inputs];
        float[] labels = new float[samples];
        for (int s = 0; s < samples; s++) {
            int label = random.nextInt(classes);
            labels[s] = label;
            for (int i = 0; i < inputs; i++) {
                // a class-dependent mean, so that there is something to learn
                features[s * inputs + i] = (float) (random.nextGaussian() + (i % classes == label ? 1 : 0));
            }
        }
        return Dataset.ofClasses(features, Shape.of(inputs), labels, classes);
    }

    @Override
    public Trainer.Builder configure(Trainer.Builder trainer) {
        return trainer.epochs(epochs).batchSize(batchSize);
    }

    @Override
    public List<TrainingListener> listeners(int rank, int attempt) {
        return fault != null && fault.rank() == rank && attempt == 0 ? List.of(fault) : List.of();
    }
}
