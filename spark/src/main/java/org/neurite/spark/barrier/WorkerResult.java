package org.neurite.spark.barrier;

import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a worker of a barrier run hands back.
 *
 * @param rank the worker
 * @param weights the final weights, as safetensors bytes (the same on every worker; a Spark
 *     run brings them back from worker 0 only, the others' are empty)
 * @param digest the SHA-256 of the final weights, in hex, to check that every worker ended alike
 * @param epochs every epoch's figures on this worker (worker 0's include the validation, if any)
 * @param steps the optimizer steps taken
 * @param ringNanos the time spent in the ring's sums
 * @param trainNanos the time of the whole training loop
 * @param checkpoints the checkpoint files worker 0 wrote ({@link TrainingRecipe#checkpoints()}), by their
 *     path in a run folder's {@code checkpoints/}; empty for other workers, without a plan, and when
 *     worker 0 sent them to the driver as they were written ({@link BarrierReports})
 */
public record WorkerResult(int rank, byte[] weights, String digest, List<EpochFigures> epochs, long steps,
                           long ringNanos, long trainNanos, Map<String, byte[]> checkpoints) implements Serializable {

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
        return new WorkerResult(rank, new byte[0], digest, epochs, steps, ringNanos, trainNanos, Map.of());
    }

    /** @return every epoch's mean training loss on this worker */
    public double[] losses() {
        return epochs.stream().mapToDouble(EpochFigures::loss).toArray();
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
