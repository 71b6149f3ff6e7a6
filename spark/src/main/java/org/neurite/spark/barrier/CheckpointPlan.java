package org.neurite.spark.barrier;

import java.io.Serializable;

/**
 * Which checkpoints worker 0 of a barrier run writes, in the run-folder format
 * ({@link org.neurite.engine.train.CheckpointWriter}), to send back with its result.
 *
 * @param every a checkpoint after every this many epochs (and after the last), at least 1
 * @param keepLast keep only this many of the latest; 0 keeps all
 */
public record CheckpointPlan(int every, int keepLast) implements Serializable {

    /** Checks the counts. */
    public CheckpointPlan {
        if (every < 1 || keepLast < 0) {
            throw new IllegalArgumentException("checkpoints: every must be at least 1 and keep_last 0 or more, got "
                    + every + " and " + keepLast);
        }
    }
}
