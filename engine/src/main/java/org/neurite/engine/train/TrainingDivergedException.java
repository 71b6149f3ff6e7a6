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

    private TrainingDivergedException(String message, int epoch, long step, double loss, double lastFiniteLoss) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    /**
     * A loss that stays finite but has exploded.
     *
     * @param epoch the epoch of the step, from 1
     * @param step the step, counted from 1 over the whole run
     * @param batch the batch within the epoch, from 1
     * @param batches the number of batches per epoch
     * @param loss the step's loss
     * @param average the moving average of the loss at this step
     * @param lowest the lowest moving average before
     * @param factor the factor over the lowest that counts as divergence
     * @return the exception
     */
    public static TrainingDivergedException exploded(int epoch, long step, int batch, int batches, double loss,
                                                     double average, double lowest, double factor) {
        return new TrainingDivergedException(String.format(java.util.Locale.ROOT,
                "training diverged: the loss rose to %.4g at epoch %d, step %d (batch %d of %d); its moving average"
                        + " %.4g is more than %s times its lowest, %.4g. Try a lower learning rate or gradient clipping.",
                loss, epoch, step, batch, batches, average, factorText(factor), lowest), epoch, step, loss, loss);
    }

    private static String factorText(double factor) {
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
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
