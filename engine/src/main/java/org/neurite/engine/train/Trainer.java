package org.neurite.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.neurite.api.GradientClipper;
import org.neurite.api.Layer;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Optimizer;
import org.neurite.api.Tensor;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.Batches;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.RandomStreams;
import org.neurite.engine.nn.StatefulLayers;
import org.neurite.engine.optim.clip.GlobalNormClipper;

/**
 * Trains a model: epochs of shuffled minibatches (zero the gradients, forward in
 * {@link Mode#TRAINING}, loss, backward, clipping, optimizer step), then validation in
 * {@link Mode#INFERENCE} without gradients. Optionally a {@link LearningRateSchedule} sets the
 * rate before every update and a {@link GradientClipper} clips the gradients. It records each
 * epoch's mean loss and, for classifiers, accuracy, and tells its {@link TrainingListener}s as it goes.
 *
 * <p>A run is a function of its seed and its position: the data order of epoch {@code e} is
 * drawn from the seed and {@code e}, the schedule is asked for the rate of the run's step, and
 * the layers' training streams ({@link Model#randomStreams()}: dropout and other layer
 * randomness) are positioned from the seed and the step before every update. So
 * {@link #fit(Dataset, Dataset, TrainingState)} continues a run from a checkpoint (weights,
 * optimizer state and a {@link TrainingState}, as {@link CheckpointWriter} saves them) bit for
 * bit as if it had never stopped.
 *
 * <p>A loss that becomes NaN or infinite, or that explodes while staying finite (see
 * {@link Builder#divergenceFactor}), ends training with a {@link TrainingDivergedException}.
 *
 * <p>An {@link ImageAugmentation} changes the training images of every batch on the fly, with
 * random choices drawn from a stream of its own, derived from the seed and the epoch; validation
 * never augments.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, loss, optimizer).epochs(10).batchSize(128).seed(0)
 *         .listener(new ProgressLogger(System.out)).build();
 * TrainingHistory history = trainer.fit(train, test);
 * }</pre>
 */
public final class Trainer {

    /** How many times its lowest moving average a loss may rise before the run counts as diverged. */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 100;

    private final Layer model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final GradientClipper clipper;
    private final boolean shuffle;
    private final double divergenceFactor;
    private final ImageAugmentation augmentation;
    private final StepGradients stepGradients;
    private final TrainingListeners listeners;
    private volatile boolean stopRequested;
    private int epoch;
    private long steps;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.clipper = b.clipper;
        this.shuffle = b.shuffle;
        this.divergenceFactor = b.divergenceFactor;
        this.listeners = new TrainingListeners(b.listeners, b.schedule);
        this.augmentation = b.augmentation;
        this.stepGradients = b.stepGradients;
    }

    /**
     * Starts a trainer's settings.
     *
     * @param model the model to train
     * @param loss the loss to minimise
     * @param optimizer updates the model's parameters
     * @return the builder
     */
    public static Builder builder(Layer model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /** @return the model being trained */
    public Layer model() {
        return model;
    }

    /** @return the optimizer updating the model */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the number of epochs planned */
    public int epochs() {
        return epochs;
    }

    /** @return the run's seed, from which its data orders and training streams follow */
    public long seed() {
        return seed;
    }

    /** @return the epoch running (from 1), or the last one run once the run has ended */
    public int epoch() {
        return epoch;
    }

    /** @return the optimizer steps taken over the whole run so far */
    public long steps() {
        return steps;
    }

    /**
     * Asks the run to end after the current epoch (including its listeners); the history then
     * says it stopped early. Listeners such as {@link EarlyStopping} call it.
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * @return whether a listener asked the run to end after the current epoch ({@link #stop()}), so
     *     that workers training together can follow one worker's decision
     */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Trains without validation.
     *
     * @param train the training samples
     * @return the result of each epoch
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingHistory fit(Dataset train) {
        return run(train, null, TrainingState.start());
    }

    /**
     * Trains, validating after every epoch.
     *
     * @param train the training samples
     * @param validation the validation samples, or {@code null} for none
     * @return the result of each epoch
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingHistory fit(Dataset train, Dataset validation) {
        return run(train, validation, TrainingState.start());
    }

    /**
     * Continues a run from a saved position: the epochs after {@code from.epoch()} run exactly
     * as they would have without the interruption, provided the model's weights and the
     * optimizer's state are those saved at that position (see {@link CheckpointWriter}).
     * Listeners are told {@link TrainingListener#onResume} after {@link TrainingListener#onTrainingStart}.
     * A position at or after the last epoch runs no epoch and only ends the run.
     *
     * @param train the training samples
     * @param validation the validation samples, or {@code null} for none
     * @param from where the run stands, {@link TrainingState#start()} for a new run
     * @return every epoch's result, those before {@code from} included
     * @throws TrainingDivergedException if the loss becomes NaN or infinite, or explodes
     */
    public TrainingHistory fit(Dataset train, Dataset validation, TrainingState from) {
        return run(train, validation, from);
    }

    /**
     * Trains on samples held in tensors, without validation.
     *
     * @param inputs the training inputs, samples on the first axis
     * @param targets the training targets, samples on the first axis
     * @return the result of each epoch
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingHistory fit(Tensor inputs, Tensor targets) {
        return run(Dataset.ofTensors("training data", inputs, targets), null, TrainingState.start());
    }

    /**
     * Trains on samples held in tensors, validating after every epoch.
     *
     * @param inputs the training inputs, samples on the first axis
     * @param targets the training targets, samples on the first axis
     * @param validationInputs the validation inputs
     * @param validationTargets the validation targets
     * @return the result of each epoch
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingHistory fit(Tensor inputs, Tensor targets, Tensor validationInputs, Tensor validationTargets) {
        return run(Dataset.ofTensors("training data", inputs, targets),
                Dataset.ofTensors("validation data", validationInputs, validationTargets), TrainingState.start());
    }

    private TrainingHistory run(Dataset train, Dataset validation, TrainingState from) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("trainer: the training data holds no samples");
        }
        stopRequested = from.stopped();
        epoch = from.epoch();
        steps = from.steps();
        UpdateStep update = new UpdateStep(model, loss, optimizer, clipper, schedule, stepGradients, seed,
                divergenceFactor);
        boolean fullBatch = batchSize == 0 || batchSize >= train.size();
        int size = fullBatch ? train.size() : batchSize;
        Evaluator evaluator = new Evaluator(model, loss, fullBatch ? 0 : batchSize);
        List<EpochResult> results = new ArrayList<>(from.history());
        listeners.trainingStart(this);
        if (from.epoch() > 0) {
            listeners.resume(this, from);
        }
        while (epoch < epochs && !stopRequested) {
            epoch++;
            listeners.epochStart(this, epoch);
            // layers that carry state from batch to batch start every epoch afresh
            StatefulLayers.reset(model);
            long start = System.nanoTime();
            // one full batch has no order worth shuffling
            Batches batches = EpochBatches.of(train, size, shuffle && !fullBatch, augmentation, seed, epoch);
            RunningMeasures totals = trainEpoch(batches, update);
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation val = validation == null ? null : evaluator.evaluate(validation);
            EpochResult result = new EpochResult(epoch, totals.meanLoss(), totals.accuracy(),
                    val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(),
                    seconds, optimizer.learningRate());
            results.add(result);
            listeners.epochEnd(this, result);
        }
        TrainingHistory history = new TrainingHistory(results, results.size() < epochs);
        listeners.trainingEnd(this, history);
        return history;
    }

    /** Runs one pass over the epoch's batches, one update per batch. */
    private RunningMeasures trainEpoch(Batches batches, UpdateStep update) {
        RunningMeasures totals = new RunningMeasures();
        RandomStreams streams = model instanceof Model m ? m.randomStreams() : null;
        int[] order = update.needsSamples() ? batches.order() : null;
        int b = 0;
        int from = 0;
        for (Batch batch : batches) {
            b++;
            int[] samples = order == null ? null : Arrays.copyOfRange(order, from, from + batch.size());
            StepGradients.Outcome outcome = update.take(batch, samples, streams, epoch, steps, b, batches.count());
            steps++;
            totals.add(outcome.loss(), outcome.prediction(), batch.targets());
            from += batch.size();
            listeners.batchEnd(this, epoch, steps, outcome.loss());
        }
        return totals;
    }

    /** The settings of a {@link Trainer}; only the model, loss and optimizer are required. */
    public static final class Builder {

        private final Layer model;
        private final Loss loss;
        private final Optimizer optimizer;
        private int epochs = 1;
        private int batchSize = 32;
        private long seed;
        private LearningRateSchedule schedule;
        private GradientClipper clipper;
        private boolean shuffle = true;
        private double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;
        private ImageAugmentation augmentation;
        private StepGradients stepGradients;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(Layer model, Loss loss, Optimizer optimizer) {
            this.model = require(model, "model");
            this.loss = require(loss, "loss");
            this.optimizer = require(optimizer, "optimizer");
        }

        private static <T> T require(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException("trainer: the " + what + " is required");
            }
            return value;
        }

        /**
         * @param epochs the number of passes over the training data, at least 1 (default 1)
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("trainer: epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * @param batchSize samples per update (default 32); 0, or at least the number of samples,
         *     means full-batch gradient descent: one update per epoch over all samples, in order
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 0) {
                throw new IllegalArgumentException("trainer: batch size must be 0 (full batch) or positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param shuffle whether every epoch visits the samples in a fresh random order (the
         *     default) or in the data's own order, as layers that carry their state need
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param factor a loss whose moving average rises above this many times its lowest (and
         *     above the run's first loss) ends training as diverged; 0 turns the check off
         *     (default {@value Trainer#DEFAULT_DIVERGENCE_FACTOR})
         * @return this builder
         */
        public Builder divergenceFactor(double factor) {
            if (!(factor == 0 || factor > 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("trainer: the divergence factor must be 0 (off) or a finite number"
                        + " above 1, got " + factor);
            }
            this.divergenceFactor = factor;
            return this;
        }

        /**
         * @param seed the seed of the run: the data order of every epoch and the layers' training
         *     streams follow from it (default 0)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param schedule sets the optimizer's learning rate before every update from the number
         *     of updates taken over the whole run (a resumed run continues the count); a schedule
         *     that is also a {@link TrainingListener} is told of the run first; {@code null} (the
         *     default) leaves the rate alone
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * @param maxNorm rescale the gradients before every update so that their joint L2 norm is
         *     at most this (see {@link GlobalNormClipper}); 0 (the default) does not clip
         * @return this builder
         */
        public Builder clipGradientNorm(double maxNorm) {
            if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("trainer: the gradient clipping norm must be 0 (off) or a finite"
                        + " positive number, got " + maxNorm);
            }
            this.clipper = maxNorm > 0 ? new GlobalNormClipper(maxNorm) : null;
            return this;
        }

        /**
         * @param clipper clips the gradients before every update; {@code null} (the default) does not clip
         * @return this builder
         */
        public Builder clipping(GradientClipper clipper) {
            this.clipper = clipper;
            return this;
        }

        /**
         * @param augmentation changes the training images of every batch (every input must be
         *     {@code [channels, height, width]} per sample); {@code null} (the default) does not augment
         * @return this builder
         */
        public Builder augment(ImageAugmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /**
         * @param gradients computes every step's gradients in place of the trainer's own forward
         *     and backward pass (such as over micro-batches on other machines); {@code null} (the
         *     default) computes them here
         * @return this builder
         */
        public Builder stepGradients(StepGradients gradients) {
            this.stepGradients = gradients;
            return this;
        }

        /**
         * @param listener told about the run's progress; listeners run in the order added
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(require(listener, "listener"));
            return this;
        }

        /** @return the trainer */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
