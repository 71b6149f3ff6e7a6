package org.neurite.engine.train;

import java.util.Map;

import org.neurite.api.GradientClipper;
import org.neurite.api.Layer;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.api.Tensor;
import org.neurite.engine.data.Batch;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.RandomStreams;
import org.neurite.engine.registry.ComponentException;

/**
 * One update of a {@link Trainer}'s run: zero the gradients, compute them (the trainer's own
 * forward and backward pass in {@link Mode#TRAINING}, or a {@link StepGradients}), check the loss
 * for divergence, clip, set the scheduled rate and let the optimizer step. It keeps what carries
 * over from step to step: the {@link DivergenceWatch} and the last loss.
 */
final class UpdateStep {

    private final Layer model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final GradientClipper clipper;
    private final LearningRateSchedule schedule;
    private final StepGradients stepGradients;
    private final long seed;
    private final double divergenceFactor;
    private final Map<String, Parameter> parameters;
    private final DivergenceWatch watch;
    private double lastLoss = Double.NaN;

    UpdateStep(Layer model, Loss loss, Optimizer optimizer, GradientClipper clipper, LearningRateSchedule schedule,
            StepGradients stepGradients, long seed, double divergenceFactor) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.clipper = clipper;
        this.schedule = schedule;
        this.stepGradients = stepGradients;
        this.seed = seed;
        this.divergenceFactor = divergenceFactor;
        this.parameters = model.parameters();
        this.watch = new DivergenceWatch(divergenceFactor);
    }

    /** @return whether a step needs its batch's sample indices (a {@link StepGradients} is told them) */
    boolean needsSamples() {
        return stepGradients != null;
    }

    /**
     * Takes one update.
     *
     * @param batch the step's batch
     * @param samples the batch's sample indices in the training data, or {@code null} unless {@link #needsSamples()}
     * @param streams the layers' training streams, positioned before the forward pass; {@code null} for none
     * @param epoch the epoch running, from 1 (for the divergence message)
     * @param step the run's steps taken before this one
     * @param batchNumber the batch's number in the epoch, from 1
     * @param batchCount the epoch's number of batches
     * @return the batch's loss and the model's output for it
     * @throws TrainingDivergedException if the loss is NaN or infinite, or explodes
     */
    StepGradients.Outcome take(Batch batch, int[] samples, RandomStreams streams, int epoch, long step,
            int batchNumber, int batchCount) {
        for (Parameter p : parameters.values()) {
            p.zeroGradient();
        }
        Tensor prediction;
        Tensor batchLoss = null;
        double value;
        if (stepGradients == null) {
            if (streams != null) {
                streams.position(seed, step);
            }
            prediction = Model.apply(model, batch.inputs(), Mode.TRAINING);
            batchLoss = loss.compute(prediction, batch.targets());
            value = batchLoss.item();
        } else {
            StepGradients.Outcome outcome = stepGradients.compute(batch, samples, seed, step);
            prediction = outcome.prediction();
            value = outcome.loss();
        }
        if (!Double.isFinite(value)) {
            throw new TrainingDivergedException(epoch, step + 1, batchNumber, batchCount, value, lastLoss);
        }
        if (watch.diverged(value)) {
            throw TrainingDivergedException.exploded(epoch, step + 1, batchNumber, batchCount, value,
                    watch.average(), watch.lowest(), divergenceFactor);
        }
        if (batchLoss != null) {
            batchLoss.backward();
        }
        if (clipper != null) {
            clipper.clip(parameters);
        }
        if (schedule != null) {
            optimizer.setLearningRate(schedule.rate(Math.toIntExact(step)));
        }
        updateParameters();
        lastLoss = value;
        return new StepGradients.Outcome(value, prediction);
    }

    /**
     * Updates the parameters. A failure in the optimizer's code (a bug, a class missing from its
     * plugin) names the optimizer: {@code optimizer (adam) step failed: IllegalStateException: ...}.
     */
    private void updateParameters() {
        try {
            optimizer.step(parameters);
        } catch (RuntimeException | LinkageError e) {
            throw new ComponentException("optimizer", "(" + optimizer.name() + ") step failed: "
                    + ComponentException.describe(e), e);
        }
    }
}
