package org.neurite.spark.barrier;

import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a worker of a barrier run hands back.
 *
 * @param rank the worker
 * @param weights the final weights, as safetensors bytes (the same on every worker; a Spark
 *     run brings them back from worker 0 only, the others' are empty)
 * @param digest the SHA-256 of the final weights, in hex, to check that every worker ended alike
 * @param losses every epoch's mean training loss on this worker
 * @param steps the optimizer steps taken
 * @param ringNanos the time spent in the ring's sums
 * @param trainNanos the time of the whole training loop
 */
public record WorkerResult(int rank, byte[] weights, String digest, double[] losses, long steps, long ringNanos, long trainNanos)
        implements Serializable {

    /**
     * @param weights weights as safetensors bytes
     * @return their SHA-256, in hex
     */
    public static String digestOf(byte[] weights) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** @return the same result without the weights, as workers other than 0 send it */
    public WorkerResult withoutWeights() {
        return new WorkerResult(rank, new byte[0], digest, losses, steps, ringNanos, trainNanos);
    }

    /** @return the ring's time per step, in milliseconds */
    public double ringMillisPerStep() {
        return steps == 0 ? 0 : ringNanos / 1e6 / steps;
    }

    /** @return the training loop's time per step, in milliseconds */
    public double millisPerStep() {
        return steps == 0 ? 0 : trainNanos / 1e6 / steps;
    }
}
