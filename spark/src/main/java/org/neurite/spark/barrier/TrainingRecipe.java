package org.neurite.spark.barrier;

import java.io.Serializable;
import java.util.List;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * What every worker of a barrier run builds for itself: the model (with the same starting
 * weights on every worker), its loss and optimizer, the training data and the trainer's settings.
 * It travels to the executors inside the task, so an implementation holds only what may travel:
 * JDK types, byte arrays (such as {@code model.json} and safetensors bytes) and small records;
 * never model objects.
 */
public interface TrainingRecipe extends Serializable {

    /** @return a new copy of the model with its starting weights */
    Model model();

    /** @return the loss to minimise */
    Loss loss();

    /**
     * @param model the worker's model
     * @return a new optimizer for it
     */
    Optimizer optimizer(Model model);

    /** @return the whole training data (each mode takes its worker's share) */
    Dataset trainingData();

    /**
     * @return the validation data that worker 0 measures after every epoch (as one machine does;
     *     the other workers do not), or {@code null} for none, the default
     */
    default Dataset validationData() {
        return null;
    }

    /**
     * @return the checkpoints worker 0 writes and sends back with its result, or {@code null} for
     *     none, the default
     */
    default CheckpointPlan checkpoints() {
        return null;
    }

    /**
     * @param train the worker's training data (in local SGD its share)
     * @return listeners that worker 0 runs after every epoch and that may end the run with
     *     {@link Trainer#stop()} (early stopping on its validation, a stop at zero errors); every
     *     worker then stops after the same epoch. Worker 0 runs them before its checkpoints, as one
     *     machine does. None by default.
     */
    default List<TrainingListener> stopRules(Dataset train) {
        return List.of();
    }

    /**
     * @return the checkpoint every worker starts from (its weights, optimizer state and place in
     *     the run), or {@code null} to start afresh, the default
     */
    default ResumePoint resumeFrom() {
        return null;
    }

    /**
     * @return what the driver needs to know of data the workers read themselves (such as its size
     *     and class names), as text the recipe's author chooses; {@code null} (the default) when the
     *     driver knows its data. The check before training ({@link BarrierTraining#check}) brings
     *     it from an executor.
     */
    default String describeData() {
        return null;
    }

    /**
     * Measures trained weights on test data that the executors read themselves, so that the driver
     * need not read it ({@link org.neurite.spark.BarrierRun#measureTest}). Nothing by default.
     *
     * @param weights the model's weights, as safetensors bytes
     * @return the measures, as text the recipe's author chooses; {@code null} without test data
     */
    default String measureTest(byte[] weights) {
        return null;
    }

    /** @return the run's seed */
    long seed();

    /**
     * Applies the run's settings: epochs, batch size, schedule, clipping, shuffling.
     * The seed is set by the mode afterwards, from {@link #seed()}.
     *
     * @param trainer the trainer's builder
     * @return the builder
     */
    Trainer.Builder configure(Trainer.Builder trainer);

    /**
     * @param rank the worker
     * @param attempt the attempt of the barrier stage, from 0
     * @return listeners for the worker's trainer, such as progress reporting; none by default
     */
    default List<TrainingListener> listeners(int rank, int attempt) {
        return List.of();
    }

    /**
     * Releases what the worker built for its run (such as plugins it loaded); called once its
     * training ended or failed. Nothing by default.
     */
    default void release() {
    }
}
