package org.neurite.launcher.run;

import org.neurite.api.GradScope;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;

/**
 * Checks, before a run folder is made, that the loss takes the model's output and the training
 * targets: a loss that does not fit (such as {@code mse} on class labels) would otherwise stop the
 * run only at its first step, after the warm-up, with the run folder begun.
 */
final class LossFit {

    private LossFit() {
    }

    /**
     * Runs the model on the first two training samples (inference: no state, no randomness) and
     * the loss on its output.
     *
     * @throws ConfigException at the config's {@code loss} key if the loss does not fit
     */
    static void check(RunConfig config, Model model, Loss loss, Dataset train) {
        if (train == null || train.size() == 0) {
            return;
        }
        Dataset first = train.subset(0, Math.min(2, train.size()));
        DataLoader loader = DataLoader.of(first, CpuBackend.instance()).batchSize(first.size()).build();
        try (GradScope scope = CpuBackend.instance().noGrad()) {
            Batch batch = loader.iterator().next();
            Tensor prediction = predict(model, batch);
            if (prediction == null) {
                return;
            }
            loss.compute(prediction, batch.targets());
        } catch (ShapeMismatchException e) {
            throw new ConfigException(config.document().locate("loss"), e.getMessage()
                    + " (the loss does not fit the model's output and the training targets)");
        }
    }

    /**
     * The model's output, or null if its forward pass failed: that is no fault of the loss, and the
     * run's first step reports it with its epoch, step, layer and plugin.
     */
    private static Tensor predict(Model model, Batch batch) {
        try {
            return Model.apply(model, batch.inputs(), Mode.INFERENCE);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
