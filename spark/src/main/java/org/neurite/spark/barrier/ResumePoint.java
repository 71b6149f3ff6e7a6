package org.neurite.spark.barrier;

import java.io.Serializable;
import java.util.Map;

/**
 * Where a barrier run continues from: a checkpoint of its run folder, with the folder's other
 * checkpoint files, so that worker 0's checkpoints go on from the folder as it stands (keeping
 * the latest and the best as on one machine).
 *
 * @param epoch the epoch of the checkpoint every worker restores (weights, optimizer state, position)
 * @param files every file of the run folder's {@code checkpoints/}, by its path there, with '/'
 *     between names; those of other epochs than {@code epoch} may be empty stand-ins, since only
 *     their names count (which checkpoints exist, to keep the latest and the best)
 */
public record ResumePoint(int epoch, Map<String, byte[]> files) implements Serializable {

    /** Checks the epoch and copies the map. */
    public ResumePoint {
        if (epoch < 1) {
            throw new IllegalArgumentException("resume: the checkpoint's epoch must be at least 1, got " + epoch);
        }
        files = Map.copyOf(files);
    }
}
