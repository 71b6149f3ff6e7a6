package org.neurite.spark.barrier;

import java.io.Serializable;

/**
 * Which checkpoints worker 0 of a barrier run writes, in the run-folder format
 * ({@link org.neurite.engine.train.CheckpointWriter}), to send back with its result.
 *
 * @param every a checkpoint after every this many epochs (and after the last), at least 1
 * @param keepLast keep only this many of the latest; 0 keeps all
 * @param keepBest also save every epoch that is best so far by this measure (a
 *     {@link org.neurite.engine.train.Monitor} key such as {@code val_loss}) and never delete the
 *     best; {@code null} for none
 * @param keepEarlyStoppingBest also save every epoch that the recipe's early stopping finds best
 *     so far, and never delete it (so that its weights can be restored after the run)
 */
public record CheckpointPlan(int every, int keepLast, String keepBest, boolean keepEarlyStoppingBest)
        implements Serializable {

    /** Checks the counts. */
    public CheckpointPlan {
        if (every < 1 || keepLast < 0) {
            throw new IllegalArgumentException("checkpoints: every must be at least 1 and keep_last 0 or more, got "
                    + every + " and " + keepLast);
        }
    }

    /**
     * @param every a checkpoint after every this many epochs (and after the last), at least 1
     * @param keepLast keep only this many of the latest; 0 keeps all
     */
    public CheckpointPlan(int every, int keepLast) {
        this(every, keepLast, null, false);
    }
}
