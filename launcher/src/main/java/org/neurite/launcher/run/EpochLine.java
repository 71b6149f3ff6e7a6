package org.neurite.launcher.run;

import java.util.Locale;

import org.neurite.engine.train.EpochResult;

/**
 * The one-line summary of an epoch, for plain output and the log:
 * {@code epoch 3/10  loss 0.4123  acc 0.8512  val_loss 0.4456  val_acc 0.8401  lr 0.001  4.21 s}.
 * Measures that were not taken are left out.
 */
public final class EpochLine {

    private EpochLine() {
    }

    /**
     * @param r an epoch's result
     * @param epochs the epochs of the run
     * @return its line
     */
    public static String of(EpochResult r, int epochs) {
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
