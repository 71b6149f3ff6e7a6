package org.neurite.launcher.run.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.neurite.engine.io.AtomicFiles;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.StepGradients;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.engine.train.TrainingState;
import org.neurite.launcher.run.data.RunData;
import org.neurite.spark.BarrierRun;
import org.neurite.spark.SparkRun;
import org.neurite.spark.barrier.BarrierReports;
import org.neurite.spark.barrier.BarrierTraining;
import org.neurite.spark.barrier.EpochFigures;

/**
 * A run's Spark side, started before its run folder exists: the synchronous mode's step gradients
 * for the trainer on this machine, or a barrier run whose workers train on the executors. Closing
 * it stops the Spark context.
 */
public final class OnSpark implements AutoCloseable {

    private final SparkRun sync;
    private final BarrierRun barrier;
    private final RunData executorsData;

    OnSpark(SparkRun sync, BarrierRun barrier, RunData executorsData) {
        this.sync = sync;
        this.barrier = barrier;
        this.executorsData = executorsData;
    }

    /**
     * @return the run's data as the executors that read it described it (sizes, class names,
     *     pre-processing) with the test data read here; {@code null} when the driver read the data
     */
    public RunData executorsData() {
        return executorsData;
    }

    /** @return the gradients of each step for the trainer here (synchronous mode), or {@code null} in the barrier modes */
    public StepGradients stepGradients() {
        return sync;
    }

    /**
     * Trains in a barrier mode: the workers train on the executors while worker 0 tells the driver
     * its epochs and steps, which go to the listeners as a trainer here would tell them, and its
     * checkpoint files, which are written into (and deleted from) the run folder's as they come;
     * then worker 0's weights become the model's.
     *
     * @param here a trainer of the driver's model, never run: what the listeners are given, so
     *     that early stopping can ask it to stop (the workers stop alike on their own)
     * @param listeners listeners that read only the epochs' results and the steps' losses
     * @param checkpoints the run folder's checkpoints folder
     * @param from where the run continues from ({@link TrainingState#start()} for the start)
     * @param beforeFiles what runs before a checkpoint file is written (flushing the log and metrics)
     * @return every epoch's result, those before {@code from} included
     * @throws org.neurite.spark.SparkTrainingException if the barrier stage failed
     */
    public TrainingHistory trainBarrier(Trainer here, List<TrainingListener> listeners, Path checkpoints,
                                        TrainingState from, Runnable beforeFiles) {
        List<EpochResult> epochs = new ArrayList<>(from.history());
        listeners.forEach(l -> l.onTrainingStart(here));
        if (from.epoch() > 0) {
            listeners.forEach(l -> l.onResume(here, from));
        }
        BarrierTraining.Run run = barrier.train(new BarrierReports() {
            @Override
            public void epochStarted(int epoch) {
                listeners.forEach(l -> l.onEpochStart(here, epoch));
            }

            @Override
            public void stepEnded(int epoch, long step, double loss) {
                listeners.forEach(l -> l.onBatchEnd(here, epoch, step, loss));
            }

            @Override
            public void epochEnded(EpochFigures figures) {
                EpochResult result = figures.toResult();
                epochs.add(result);
                listeners.forEach(l -> l.onEpochEnd(here, result));
            }

            @Override
            public void checkpointWritten(String path, byte[] bytes) {
                beforeFiles.run();
                Path target = inside(checkpoints, path);
                try {
                    Files.createDirectories(target.getParent());
                    AtomicFiles.write(target, bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the checkpoint file " + target + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void checkpointDeleted(String path) {
                Path target = inside(checkpoints, path);
                try {
                    Files.deleteIfExists(target);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete the checkpoint file " + target + ": " + e.getMessage(), e);
                }
            }
        });
        WeightsFile.load(run.workers().get(0).weights(), "the weights of worker 0", here.model().parameters());
        TrainingHistory history = new TrainingHistory(epochs, epochs.size() < here.epochs());
        listeners.forEach(l -> l.onTrainingEnd(here, history));
        return history;
    }

    /** A path worker 0 sent, inside the checkpoints folder (never outside it). */
    private static Path inside(Path checkpoints, String path) {
        Path target = checkpoints.resolve(path).normalize();
        if (!target.startsWith(checkpoints.normalize())) {
            throw new IllegalStateException("worker 0 sent a checkpoint file outside the checkpoints folder: " + path);
        }
        return target;
    }

    /**
     * Measures a model on the test data the executors read, in a Spark job of one task.
     *
     * @param model the trained model
     * @return its measures, or {@code null} if the config has no test data
     * @throws org.neurite.spark.SparkTrainingException if the task failed
     */
    public Evaluation measureTest(Model model) {
        String figures = barrier.measureTest(WeightsFile.bytes(model.parameters()));
        return figures == null ? null : TestFigures.read(figures);
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
