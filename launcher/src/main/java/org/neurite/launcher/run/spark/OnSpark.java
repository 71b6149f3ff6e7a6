package org.neurite.launcher.run.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neurite.engine.io.AtomicFiles;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.StepGradients;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.spark.BarrierRun;
import org.neurite.spark.SparkRun;
import org.neurite.spark.barrier.BarrierTraining;
import org.neurite.spark.barrier.EpochFigures;
import org.neurite.spark.barrier.WorkerResult;

/**
 * A run's Spark side, started before its run folder exists: the synchronous mode's step gradients
 * for the trainer on this machine, or a barrier run whose workers train on the executors. Closing
 * it stops the Spark context.
 */
public final class OnSpark implements AutoCloseable {

    private final SparkRun sync;
    private final BarrierRun barrier;

    OnSpark(SparkRun sync, BarrierRun barrier) {
        this.sync = sync;
        this.barrier = barrier;
    }

    /** @return the gradients of each step for the trainer here (synchronous mode), or {@code null} in the barrier modes */
    public StepGradients stepGradients() {
        return sync;
    }

    /**
     * Trains in a barrier mode: the workers train on the executors; then worker 0's weights become
     * the model's, its checkpoints are written into the run folder's, and its epochs are told to
     * the listeners as a trainer here would have told them, one after another.
     *
     * @param model the driver's model, which takes the trained weights
     * @param listeners listeners that read only the epochs' results
     * @param checkpoints the run folder's checkpoints folder
     * @return every epoch's result
     * @throws IOException if a checkpoint cannot be written
     * @throws org.neurite.spark.SparkTrainingException if the barrier stage failed
     */
    public TrainingHistory trainBarrier(Model model, List<TrainingListener> listeners, Path checkpoints)
            throws IOException {
        BarrierTraining.Run run = barrier.train();
        WorkerResult first = run.workers().get(0);
        WeightsFile.load(first.weights(), "the weights of worker 0", model.parameters());
        for (Map.Entry<String, byte[]> file : first.checkpoints().entrySet()) {
            Path target = checkpoints.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, file.getValue());
        }
        List<EpochResult> epochs = new ArrayList<>();
        // these listeners read only the results they are given, never the trainer, which ran elsewhere
        listeners.forEach(l -> l.onTrainingStart(null));
        for (EpochFigures figures : first.epochs()) {
            EpochResult result = figures.toResult();
            epochs.add(result);
            listeners.forEach(l -> l.onEpochStart(null, result.epoch()));
            listeners.forEach(l -> l.onEpochEnd(null, result));
        }
        TrainingHistory history = new TrainingHistory(epochs, false);
        listeners.forEach(l -> l.onTrainingEnd(null, history));
        return history;
    }

    /** @return whether the workers train on the executors (all_reduce, local_sgd) */
    public boolean barrier() {
        return barrier != null;
    }

    /** @return the mode and settings, for the run log */
    @Override
    public String toString() {
        return sync != null ? sync.toString() : barrier.toString();
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        } else {
            barrier.close();
        }
    }
}
