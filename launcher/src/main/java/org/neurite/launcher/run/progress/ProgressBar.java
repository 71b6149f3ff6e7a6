package org.neurite.launcher.run.progress;

import java.io.PrintWriter;
import java.util.Locale;

import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;
import org.neurite.launcher.run.EpochLine;

/**
 * Progress for a terminal: one line redrawn in place (at most ten times a second) with the
 * epoch, a bar of the epoch's batches, the epoch's mean loss so far, samples per second and the
 * time left in the run; at the end of each epoch it is replaced by the epoch's summary line.
 */
public final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final int epochs;
    private final int samples;
    private final int batchSize;
    private final int batchesPerEpoch;
    private int epoch;
    private int batch;
    private double lossSum;
    private long epochStart;
    private long lastDraw;
    private int drawnLength;

    /**
     * @param out the terminal
     * @param epochs the epochs of the run
     * @param samples the training samples per epoch
     * @param batchSize samples per batch; 0 for full batches
     */
    public ProgressBar(PrintWriter out, int epochs, int samples, int batchSize) {
        this.out = out;
        this.epochs = epochs;
        this.samples = samples;
        this.batchSize = batchSize == 0 || batchSize > samples ? samples : batchSize;
        this.batchesPerEpoch = (samples + this.batchSize - 1) / this.batchSize;
    }

    @Override
    public void onEpochStart(Trainer trainer, int e) {
        epoch = e;
        batch = 0;
        lossSum = 0;
        epochStart = System.nanoTime();
        lastDraw = 0;
    }

    @Override
    public void onBatchEnd(Trainer trainer, int e, long step, double loss) {
        batch++;
        lossSum += loss;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS || batch == batchesPerEpoch) {
            lastDraw = now;
            draw(line(now - epochStart));
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        draw(EpochLine.of(result, epochs));
        out.println();
        drawnLength = 0;
        out.flush();
    }

    /** The bar after {@code batch} batches, {@code elapsed} nanoseconds into the epoch. */
    String line(long elapsed) {
        int filled = (int) ((long) WIDTH * batch / batchesPerEpoch);
        double seconds = Math.max(elapsed / 1e9, 1e-9);
        long seen = Math.min((long) batch * batchSize, samples);
        long batchesLeft = (batchesPerEpoch - batch) + (long) (epochs - epoch) * batchesPerEpoch;
        long eta = Math.round(seconds / batch * batchesLeft);
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d  loss %.4f  %.0f samples/s  ETA %s",
                epoch, epochs, "=".repeat(filled), " ".repeat(WIDTH - filled), batch, batchesPerEpoch,
                lossSum / batch, seen / seconds, duration(eta));
    }

    private void draw(String line) {
        // pad with spaces so a shorter line wipes out the end of a longer one
        out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        drawnLength = line.length();
        out.flush();
    }

    static String duration(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
