package org.neurite.launcher.run;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import org.neurite.api.GradientClipper;
import org.neurite.api.Layer;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingDivergedException;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;

/**
 * Runs the epochs of a training run, from the start or from a checkpoint, so that a resumed run
 * continues exactly as an uninterrupted one would have.
 *
 * <p>Each epoch is one {@link Trainer} pass whose shuffling seed is drawn from the run's seed by
 * the epoch's number, and whose schedule continues from the steps already taken; everything
 * else that carries over (weights, optimizer state) lives in the model and the optimizer, which
 * a checkpoint restores. The run's listeners are told about the whole run, with epochs and steps
 * counted over the run, and {@link Resumable} ones get the epochs before a checkpoint back.
 */
public final class EpochLoop {

    /**
     * Where a run stands.
     *
     * @param epoch the epochs completed
     * @param steps the optimizer steps taken
     * @param history the results of the completed epochs
     */
    public record State(int epoch, long steps, List<EpochResult> history) {

        /** Copies the history. */
        public State {
            history = List.copyOf(history);
        }

        /** @return the state before the first epoch */
        public static State start() {
            return new State(0, 0, List.of());
        }
    }

    /** A listener whose state can be rebuilt from the epochs before a checkpoint. */
    public interface Resumable {
        /**
         * Called after {@link TrainingListener#onTrainingStart} when a run resumes.
         *
         * @param trainer the trainer of the first epoch to run
         * @param history the results of the epochs already run
         */
        void restore(Trainer trainer, List<EpochResult> history);
    }

    private final Layer model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final GradientClipper clipper;
    private final List<TrainingListener> listeners;
    private final List<BooleanSupplier> stops;
    private ImageAugmentation augmentation;

    /**
     * @param model the model
     * @param loss the loss
     * @param optimizer the optimizer
     * @param epochs the epochs of the whole run
     * @param batchSize samples per update; 0 for full batches
     * @param seed the run's seed
     * @param schedule the learning rate by step over the whole run, or {@code null}
     * @param clipper clips the gradients before every update, or {@code null}
     * @param listeners told about the run, in order
     * @param stops asked after every epoch (after the listeners) whether to end the run
     */
    public EpochLoop(Layer model, Loss loss, Optimizer optimizer, int epochs, int batchSize, long seed,
                     LearningRateSchedule schedule, GradientClipper clipper, List<TrainingListener> listeners,
                     List<BooleanSupplier> stops) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.schedule = schedule;
        this.clipper = clipper;
        this.listeners = List.copyOf(listeners);
        this.stops = List.copyOf(stops);
    }

    /**
     * Augments the training images of every epoch; each epoch draws its augmentation from its own
     * seed (derived from the run's seed and the epoch), so a resumed run augments as an
     * uninterrupted one.
     *
     * @param augmentation the random changes of the training images, or {@code null} for none
     * @return this loop
     */
    public EpochLoop augment(ImageAugmentation augmentation) {
        this.augmentation = augmentation;
        return this;
    }

    /**
     * @param seed a run's seed
     * @param epoch an epoch, from 1
     * @return the seed of that epoch's shuffling
     */
    static long epochSeed(long seed, int epoch) {
        SplittableRandom random = new SplittableRandom(seed);
        long s = 0;
        for (int e = 0; e < epoch; e++) {
            s = random.nextLong();
        }
        return s;
    }

    /**
     * Runs the epochs after {@code start} up to the run's last, or until a stop condition holds.
     *
     * @param train the training data
     * @param validation the validation data, or {@code null}
     * @param start where the run stands: {@link State#start()} or a checkpoint
     * @return every epoch's result, those before {@code start} included
     * @throws TrainingDivergedException if the loss becomes NaN or infinite, naming the run's epoch and step
     */
    public TrainingHistory run(Dataset train, Dataset validation, State start) {
        List<EpochResult> history = new ArrayList<>(start.history());
        long[] steps = {start.steps()};
        double[] lastLoss = {Double.NaN};
        Trainer trainer = trainer(start.epoch() + 1, steps, lastLoss);
        for (TrainingListener l : listeners) {
            l.onTrainingStart(trainer);
        }
        for (TrainingListener l : listeners) {
            if (l instanceof Resumable r) {
                r.restore(trainer, start.history());
            }
        }
        boolean stopped = false;
        for (int epoch = start.epoch() + 1; epoch <= epochs && !stopped; epoch++) {
            if (epoch > start.epoch() + 1) {
                trainer = trainer(epoch, steps, lastLoss);
            }
            for (TrainingListener l : listeners) {
                l.onEpochStart(trainer, epoch);
            }
            long stepsBefore = steps[0];
            EpochResult r;
            try {
                r = trainer.fit(train, validation).last();
            } catch (TrainingDivergedException e) {
                int batches = batchSize == 0 || batchSize >= train.size() ? 1 : (train.size() + batchSize - 1) / batchSize;
                throw new TrainingDivergedException(epoch, stepsBefore + e.step(), (int) e.step(), batches, e.loss(),
                        Double.isNaN(e.lastFiniteLoss()) ? lastLoss[0] : e.lastFiniteLoss());
            } catch (org.neurite.api.ShapeMismatchException | org.neurite.api.OptionException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new TrainingStepException(epoch, steps[0] + 1, e);
            }
            EpochResult result = new EpochResult(epoch, r.loss(), r.accuracy(), r.validationLoss(),
                    r.validationAccuracy(), r.seconds(), r.learningRate());
            history.add(result);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(trainer, result);
            }
            stopped = stops.stream().anyMatch(BooleanSupplier::getAsBoolean);
        }
        TrainingHistory done = new TrainingHistory(history, stopped);
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(trainer, done);
        }
        return done;
    }

    /** One epoch's trainer: its own shuffling seed, the schedule shifted by the steps taken, the run's listeners told. */
    private Trainer trainer(int epoch, long[] steps, double[] lastLoss) {
        long offset = steps[0];
        Trainer.Builder b = Trainer.builder(model, loss, optimizer).epochs(1).batchSize(batchSize)
                .seed(epochSeed(seed, epoch)).clipping(clipper).augment(augmentation)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(Trainer t, int ignored, long step, double value) {
                        steps[0] = offset + step;
                        lastLoss[0] = value;
                        for (TrainingListener l : listeners) {
                            l.onBatchEnd(t, epoch, steps[0], value);
                        }
                    }
                });
        if (schedule != null) {
            b.schedule(step -> schedule.rate(Math.toIntExact(offset + step)));
        }
        return b.build();
    }
}
