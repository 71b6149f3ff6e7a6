package org.neurite.spark.barrier;

import java.io.Serializable;

import org.neurite.spark.averaging.ParameterAveraging;

/**
 * How the workers of a barrier run train together.
 *
 * @param averageEvery 0 for per-step all-reduce (every step the ring sums the gradients of every
 *     worker's share of the batch: one machine's mathematics); K &ge; 1 for local SGD (every worker
 *     trains on its own share of the data with its own batches, and the ring averages the
 *     parameters every K steps)
 */
public record BarrierMode(int averageEvery) implements Serializable {

    /** @return per-step gradient all-reduce */
    public static BarrierMode allReduce() {
        return new BarrierMode(0);
    }

    /**
     * @param every K, the steps between two averagings
     * @return local SGD
     * @throws IllegalArgumentException if K is below 1
     */
    public static BarrierMode localSgd(int every) {
        return new BarrierMode(ParameterAveraging.checkEvery(every, "average_every"));
    }

    /** @return whether this is local SGD */
    public boolean averaging() {
        return averageEvery > 0;
    }

    @Override
    public String toString() {
        return averaging() ? "local SGD, parameters averaged every " + averageEvery + " steps" : "gradient all-reduce";
    }
}
