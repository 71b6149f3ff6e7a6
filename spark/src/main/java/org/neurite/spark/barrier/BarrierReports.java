package org.neurite.spark.barrier;

/**
 * What the driver hears from worker 0 of a barrier run while the workers train: the epochs as
 * they start and end, every step's loss, and its checkpoint files as they are written and deleted,
 * so that the run folder and the progress shown follow the run live. Calls come one at a time, on
 * a thread of the driver's, in the order worker 0 sent them; a retried stage sends the run again
 * from its start, and what was told already (epochs and steps up to the last one told) is not told
 * twice. Every method does nothing by default.
 */
public interface BarrierReports {

    /**
     * @param epoch the epoch about to run, from 1
     */
    default void epochStarted(int epoch) {
    }

    /**
     * @param epoch the current epoch, from 1
     * @param step the step just taken, counted from 1 over the whole run
     * @param loss worker 0's loss of the step (in gradient all-reduce, the whole batch's)
     */
    default void stepEnded(int epoch, long step, double loss) {
    }

    /**
     * @param figures the epoch's figures on worker 0, with its validation if any
     */
    default void epochEnded(EpochFigures figures) {
    }

    /**
     * @param path the file's path in a run folder's {@code checkpoints/}, with '/' between names
     * @param bytes its whole content
     */
    default void checkpointWritten(String path, byte[] bytes) {
    }

    /**
     * @param path the path of a checkpoint file that worker 0 deleted (keeping the latest and the best)
     */
    default void checkpointDeleted(String path) {
    }
}
