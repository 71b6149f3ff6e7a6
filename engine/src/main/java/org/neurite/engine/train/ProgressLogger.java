package org.neurite.engine.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one plain line per epoch, for logs and terminals without cursor control:
 * {@code epoch 3/10  loss 0.4123  acc 0.8512  val_loss 0.4456  val_acc 0.8401  lr 0.001  4.21 s}.
 * Measures that were not taken are left out.
 */
public final class ProgressLogger implements TrainingListener {

    private final PrintStream out;

    /**
     * @param out where the lines go, such as {@code System.out}
     */
    public ProgressLogger(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult r) {
        out.println(line(r, trainer.epochs()));
    }

    /**
     * The one-line summary of an epoch, as printed here and in a run's log.
     *
     * @param r an epoch's result
     * @param epochs the number of epochs planned
     * @return the line printed for it
     */
    public static String line(EpochResult r, int epochs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", r.epoch(), epochs, r.loss()));
        append(sb, "acc", r.accuracy());
        append(sb, "val_loss", r.validationLoss());
        append(sb, "val_acc", r.validationAccuracy());
        sb.append(String.format(Locale.ROOT, "  lr %.3g  %.2f s", r.learningRate(), r.seconds()));
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, double value) {
        if (!Double.isNaN(value)) {
            sb.append(String.format(Locale.ROOT, "  %s %.4f", name, value));
        }
    }
}
