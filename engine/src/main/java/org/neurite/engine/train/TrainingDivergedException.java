package org.neurite.engine.train;

/**
 * Thrown when the training loss becomes NaN or infinite, which no later step can repair. The
 * message names the epoch, the step and the last finite loss.
 */
public class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final double loss;
    private final double lastFiniteLoss;

    /**
     * @param epoch the epoch of the failing step, from 1
     * @param step the failing step, counted from 1 over the whole run
     * @param batch the batch within the epoch, from 1
     * @param batches the number of batches per epoch
     * @param loss the non-finite loss
     * @param lastFiniteLoss the loss of the previous step, or NaN if this was the first
     */
    public TrainingDivergedException(int epoch, long step, int batch, int batches, double loss, double lastFiniteLoss) {
        super("training diverged: the loss is " + loss + " at epoch " + epoch + ", step " + step
                + " (batch " + batch + " of " + batches + "); "
                + (Double.isNaN(lastFiniteLoss) ? "it was not finite from the first step"
                        : "the last finite loss was " + lastFiniteLoss + " at step " + (step - 1))
                + ". Try a lower learning rate or gradient clipping.");
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    /** @return the epoch of the failing step, from 1 */
    public int epoch() {
        return epoch;
    }

    /** @return the failing step, counted from 1 over the whole run */
    public long step() {
        return step;
    }

    /** @return the non-finite loss */
    public double loss() {
        return loss;
    }

    /** @return the loss of the step before, or NaN if the first step failed */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }
}
