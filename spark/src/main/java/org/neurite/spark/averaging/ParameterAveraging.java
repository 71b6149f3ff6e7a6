package org.neurite.spark.averaging;

import java.util.Map;

import org.neurite.api.Parameter;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.spark.ring.RingAllReduce;

/**
 * Local SGD: each worker trains its own copy of the model on its own share of the data with its
 * own optimizer, and every {@code K} steps the workers replace their parameters by the mean of
 * all workers' parameters; once more when training ends, so that every worker ends with the same
 * model. The mean is the ring's sum (the same bits on every worker) divided by the number of
 * workers.
 *
 * <p>The optimizer's state (Adam's moments, momentum) is kept per worker, not averaged: the
 * moments describe the gradients that worker has seen, averaging them would triple what travels
 * every K steps for Adam, and with one worker the run stays the single-machine run bit for bit
 * whatever K is.
 */
public final class ParameterAveraging implements TrainingListener {

    private final RingAllReduce ring;
    private final int every;
    private final Map<String, Parameter> parameters;
    private float[] values;
    private long averagedAt = -1;
    private long nanos;
    private int rounds;

    /**
     * @param ring the workers' ring
     * @param every K, the steps between two averagings (at least 1)
     * @param parameters the worker's model parameters, in the model's order
     */
    public ParameterAveraging(RingAllReduce ring, int every, Map<String, Parameter> parameters) {
        this.ring = ring;
        this.every = checkEvery(every, "average_every");
        this.parameters = parameters;
    }

    /**
     * @param every K, the steps between two averagings
     * @param key where K comes from, for the message
     * @return K
     * @throws IllegalArgumentException if K is below 1
     */
    public static int checkEvery(int every, String key) {
        if (every < 1) {
            throw new IllegalArgumentException(key + ": parameter averaging needs at least 1 step between two"
                    + " averagings, got " + every);
        }
        return every;
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
        if (step % every == 0) {
            average(step);
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory history) {
        average(trainer.steps());
    }

    /** Replaces every parameter by its mean over the workers (once per step at most). */
    private void average(long step) {
        if (step == averagedAt) {
            return;
        }
        long start = System.nanoTime();
        values = mean(ring, parameters, values);
        averagedAt = step;
        nanos += System.nanoTime() - start;
        rounds++;
    }

    /**
     * Replaces the parameters by their mean over the workers, once: every worker calls it at the same point.
     *
     * @param ring the workers' ring
     * @param parameters the parameters to average, in the same order on every worker; none is allowed
     */
    public static void averageOnce(RingAllReduce ring, Map<String, Parameter> parameters) {
        if (!parameters.isEmpty()) {
            mean(ring, parameters, null);
        }
    }

    /** The ring's sum, divided by the number of workers: the same bits on every worker. */
    private static float[] mean(RingAllReduce ring, Map<String, Parameter> parameters, float[] scratch) {
        float[] values = ParameterVector.gather(parameters, scratch);
        ring.sum(values);
        float workers = ring.size();
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] / workers;
        }
        ParameterVector.scatter(values, parameters);
        return values;
    }

    /** @return the time spent averaging so far, in nanoseconds */
    public long nanos() {
        return nanos;
    }

    /** @return the averagings done so far */
    public int rounds() {
        return rounds;
    }
}
