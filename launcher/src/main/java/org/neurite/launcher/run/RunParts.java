package org.neurite.launcher.run;

import java.io.IOException;
import java.util.function.UnaryOperator;

import org.neurite.api.GradientClipper;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.KernelWarmup;
import org.neurite.engine.train.Trainer;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.data.RunData;

/**
 * What a run trains, built and loaded before anything is written, so that data that does not fit
 * the model or a schedule that does not fit the run is a config error with no run folder behind.
 *
 * @param model the model with its initial weights
 * @param loss the loss
 * @param optimizer the optimizer, or {@code null} when nothing is trained
 * @param data the training, validation and test data
 * @param schedule the learning-rate schedule, or {@code null}
 */
public record RunParts(Model model, Loss loss, Optimizer optimizer, RunData data, LearningRateSchedule schedule) {

    /**
     * @param config the checked config
     * @param components where its components are looked up
     * @return the parts
     * @throws IOException if a data file cannot be read
     * @throws ConfigException if the data does not fit the model, the loss does not fit the model's
     *     output and the targets, or the schedule does not fit the run
     */
    public static RunParts prepare(RunConfig config, Components components) throws IOException {
        Model model = config.buildModel(components);
        Loss loss = config.createLoss(components);
        Optimizer optimizer = config.createOptimizer(components);
        checkAugmentedInputs(config, model);
        TrainingConfig t = config.training();
        // the training loop warms up on a scratch model of the run's shapes while the data loads, so the first
        // epoch runs at full speed (the run's loss and settings, a scratch optimizer of its kind, synthetic batches)
        Optimizer scratchOptimizer = t.epochs() > 0 ? config.createOptimizer(components) : null;
        KernelWarmup warmup = scratchOptimizer != null ? KernelWarmup.startTraining(config.buildModel(components),
                t.batchSize() > 0 ? t.batchSize() : 128, loss, scratchOptimizer,
                warmupSettings(config, components, scratchOptimizer)) : null;
        RunData data = RunData.load(config, model);
        if (warmup != null) {
            warmup.finish();
        }
        LossFit.check(config, model, loss, data.train());
        LearningRateSchedule schedule = optimizer == null ? null
                : RunSchedule.of(config, components, optimizer.learningRate(), data.trainSize());
        return new RunParts(model, loss, optimizer, data, schedule);
    }

    /**
     * The parts of a run whose training and validation data the Spark executors read themselves:
     * the model, loss and optimizer, without data or schedule until {@link #withData}.
     *
     * @param config the checked config
     * @param components where its components are looked up
     * @return the parts, {@link #data()} and {@link #schedule()} {@code null}
     */
    public static RunParts withoutData(RunConfig config, Components components) {
        return new RunParts(config.buildModel(components), config.createLoss(components),
                config.createOptimizer(components), null, null);
    }

    /**
     * @param runData the data, as the executors described it
     * @param config the checked config
     * @param components where its components are looked up
     * @return these parts with the data and the schedule that follows from its size
     * @throws ConfigException if the schedule does not fit the run
     */
    public RunParts withData(RunData runData, RunConfig config, Components components) {
        return new RunParts(model, loss, optimizer, runData, optimizer == null ? null
                : RunSchedule.of(config, components, optimizer.learningRate(), runData.trainSize()));
    }

    /**
     * The run's settings that change what a training step does, for the warm-up's trainer: with a
     * clipper of its own, and a schedule of the run's kind over the scratch optimizer (its length is
     * not known before the data is loaded: a run of many steps, of which the warm-up takes the first).
     */
    private static UnaryOperator<Trainer.Builder> warmupSettings(RunConfig config, Components components,
            Optimizer scratchOptimizer) {
        TrainingConfig t = config.training();
        GradientClipper clipper = config.createClipper(components);
        LearningRateSchedule schedule;
        try {
            schedule = RunSchedule.of(config, components, scratchOptimizer.learningRate(), 1 << 30);
        } catch (RuntimeException notForThisLength) {
            schedule = null; // the run reports it once the data's size is known
        }
        LearningRateSchedule scheduled = schedule;
        return trainer -> trainer.seed(config.seed()).shuffle(t.shuffle()).clipping(clipper).augment(t.augmentation())
                .schedule(scheduled);
    }

    /** Augmentation changes images: every input of the model must be {@code [channels, height, width]}. */
    private static void checkAugmentedInputs(RunConfig config, Model model) {
        if (config.training() == null || config.training().augmentation() == null) {
            return;
        }
        model.inputShapes().forEach((name, shape) -> {
            if (!ImageAugmentation.isImage(shape)) {
                throw new ConfigException(config.document().locate("training.augment"), "augments images [channels,"
                        + " height, width], but the model's input" + (model.inputShapes().size() == 1 ? "" : " '" + name + "'")
                        + " is " + shape);
            }
        });
    }
}
