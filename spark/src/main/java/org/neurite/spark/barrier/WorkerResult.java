package org.neurite.spark.barrier;

import java.io.Serializable;

/**
 * What a worker of a barrier run hands back.
 *
 * @param rank the worker
 * @param weights the final weights, as safetensors bytes (the same on every worker)
 * @param losses every epoch's mean training loss on this worker
 * @param steps the optimizer steps taken
 * @param ringNanos the time spent in the ring's sums
 * @param trainNanos the time of the whole training loop
 */
public record WorkerResult(int rank, byte[] weights, double[] losses, long steps, long ringNanos, long trainNanos)
        implements Serializable {

    /** @return the ring's time per step, in milliseconds */
    public double ringMillisPerStep() {
        return steps == 0 ? 0 : ringNanos / 1e6 / steps;
    }

    /** @return the training loop's time per step, in milliseconds */
    public double millisPerStep() {
        return steps == 0 ? 0 : trainNanos / 1e6 / steps;
    }
}
