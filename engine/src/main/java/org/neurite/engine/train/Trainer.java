package org.neurite.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.GradientClipper;
import org.neurite.api.Layer;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.Batches;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.nn.Model;
import org.neurite.engine.optim.clip.GlobalNormClipper;

/**
 * Trains a model: epochs of shuffled minibatches (zero the gradients, forward in
 * {@link Mode#TRAINING}, loss, backward, clipping, optimizer step), then validation in
 * {@link Mode#INFERENCE} without gradients. Optionally a {@link LearningRateSchedule} sets the
 * rate before every update and a {@link GradientClipper} clips the gradients. It records each epoch's mean loss and, for
 * classifiers, accuracy, and tells its {@link TrainingListener}s as it goes.
 *
 * <p>An {@link ImageAugmentation} changes the training images of every batch on the fly, with
 * random choices drawn from a stream of its own, derived from the seed; validation never augments.
 *
 * <p>The same seed gives the same batches, so a model initialised the same way follows the
 * same loss curve bit for bit. A loss that becomes NaN or infinite ends training with a
 * {@link TrainingDivergedException}.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, loss, optimizer).epochs(10).batchSize(128).seed(0)
 *         .listener(new ProgressLogger(System.out)).build();
 * TrainingHistory history = trainer.fit(train, test);
 * }</pre>
 */
public final class Trainer {

    private final Layer model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final GradientClipper clipper;
    private final ImageAugmentation augmentation;
    private final List<TrainingListener> listeners;
    private volatile boolean stopRequested;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.clipper = b.clipper;
        this.augmentation = b.augmentation;
        this.listeners = List.copyOf(b.listeners);
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

    /**
     * Asks the run to end after the current epoch (including its listeners); the history then
     * says it stopped early. Listeners such as {@link EarlyStopping} call it.
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Trains without validation.
     *
     * @param train the training samples
     * @return the result of each epoch
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingHistory fit(Dataset train) {
        return run(train, null);
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
        return run(train, validation);
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
        return run(Dataset.ofTensors("training data", inputs, targets), null);
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
                Dataset.ofTensors("validation data", validationInputs, validationTargets));
    }

    private TrainingHistory run(Dataset train, Dataset validation) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("trainer: the training data holds no samples");
        }
        stopRequested = false;
        Map<String, Parameter> parameters = model.parameters();
        boolean fullBatch = batchSize == 0 || batchSize >= train.size();
        DataLoader.Builder loader = DataLoader.of(train, CpuBackend.instance()).batchSize(fullBatch ? train.size() : batchSize);
        // one full batch has no order worth shuffling
        if (augmentation != null) {
            // a stream apart from the shuffling's, so that augmenting leaves the order unchanged
            loader.augment(augmentation, new SplittableRandom(seed).split().nextLong());
        }
        DataLoader batches = (fullBatch ? loader : loader.shuffle(seed)).build();
        Evaluator evaluator = new Evaluator(model, loss, fullBatch ? 0 : batchSize);
        List<EpochResult> results = new ArrayList<>();
        for (TrainingListener l : listeners) {
            l.onTrainingStart(this);
        }
        Progress progress = new Progress();
        for (int epoch = 1; epoch <= epochs && !stopRequested; epoch++) {
            for (TrainingListener l : listeners) {
                l.onEpochStart(this, epoch);
            }
            long start = System.nanoTime();
            RunningMeasures totals = trainEpoch(epoch, batches.nextEpoch(), parameters, progress);
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation val = validation == null ? null : evaluator.evaluate(validation);
            EpochResult result = new EpochResult(epoch, totals.meanLoss(), totals.accuracy(),
                    val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(),
                    seconds, optimizer.learningRate());
            results.add(result);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(this, result);
            }
        }
        TrainingHistory history = new TrainingHistory(results, results.size() < epochs);
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(this, history);
        }
        return history;
    }

    /** Runs one pass over the epoch's batches, one update per batch. */
    private RunningMeasures trainEpoch(int epoch, Batches batches, Map<String, Parameter> parameters, Progress progress) {
        RunningMeasures totals = new RunningMeasures();
        int b = 0;
        for (Batch batch : batches) {
            b++;
            for (Parameter p : parameters.values()) {
                p.zeroGradient();
            }
            Tensor prediction = Model.apply(model, batch.inputs(), Mode.TRAINING);
            Tensor batchLoss = loss.compute(prediction, batch.targets());
            double value = batchLoss.item();
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException(epoch, progress.steps + 1, b, batches.count(), value, progress.lastLoss);
            }
            batchLoss.backward();
            if (clipper != null) {
                clipper.clip(parameters);
            }
            if (schedule != null) {
                optimizer.setLearningRate(schedule.rate((int) progress.steps));
            }
            optimizer.step(parameters);
            progress.steps++;
            progress.lastLoss = value;
            totals.add(value, prediction, batch.targets());
            for (TrainingListener l : listeners) {
                l.onBatchEnd(this, epoch, progress.steps, value);
            }
        }
        return totals;
    }

    /** What carries over from epoch to epoch: the steps taken and the last loss. */
    private static final class Progress {
        long steps;
        double lastLoss = Double.NaN;
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
        private ImageAugmentation augmentation;
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
         * @param seed the seed of the shuffling (default 0)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param schedule sets the optimizer's learning rate before every update from the number
         *     of updates taken in this run; {@code null} (the default) leaves the rate alone
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
