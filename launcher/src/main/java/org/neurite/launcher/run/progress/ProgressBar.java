package org.neurite.launcher.run.progress;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.ProgressLogger;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * Progress for a terminal: one line redrawn in place (at most ten times a second) with the
 * epoch, a bar of the epoch's batches, the batch count, the epoch's mean loss so far, samples per
 * second and the time left in the run; at the end of each epoch it is replaced by the epoch's
 * summary line. The line never wraps: it is fitted to the terminal's width (measured at every
 * epoch), dropping the speed, then the batch count, then narrowing and dropping the bar, then the
 * time left. The time left comes from a moving average of the batches' durations, so slow first
 * batches (the JIT warming up) do not inflate it for the rest of the run.
 */
public final class ProgressBar implements TrainingListener {

    private static final int MAX_BAR = 30;
    private static final int MIN_BAR = 10;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Weight of the newest batch in the moving average of a batch's duration. */
    private static final double SMOOTHING = 0.1;

    private final PrintWriter out;
    private final int epochs;
    private final int samples;
    private final int batchSize;
    private final int batchesPerEpoch;
    private final IntSupplier columns;
    private int width;
    private int epoch;
    private int batch;
    private double lossSum;
    private long epochStart;
    private long lastBatchEnd;
    private double secondsPerBatch = -1;
    private long lastDraw;
    private int drawnLength;

    /**
     * @param out the terminal
     * @param epochs the epochs of the run
     * @param samples the training samples per epoch
     * @param batchSize samples per batch; 0 for full batches
     * @param columns measures the terminal's width, such as {@link TerminalWidth#columns}
     */
    public ProgressBar(PrintWriter out, int epochs, int samples, int batchSize, IntSupplier columns) {
        this.out = out;
        this.epochs = epochs;
        this.samples = samples;
        this.batchSize = batchSize == 0 || batchSize > samples ? samples : batchSize;
        this.batchesPerEpoch = (samples + this.batchSize - 1) / this.batchSize;
        this.columns = columns;
    }

    @Override
    public void onEpochStart(Trainer trainer, int e) {
        epochStarted(e, System.nanoTime());
    }

    @Override
    public void onBatchEnd(Trainer trainer, int e, long step, double loss) {
        long now = System.nanoTime();
        batchEnded(loss, now);
        if (now - lastDraw >= REDRAW_NANOS || batch == batchesPerEpoch) {
            lastDraw = now;
            draw(line(now));
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        draw(fit(ProgressLogger.line(result, epochs), width - 1));
        out.println();
        drawnLength = 0;
        out.flush();
    }

    void epochStarted(int e, long now) {
        epoch = e;
        batch = 0;
        lossSum = 0;
        epochStart = now;
        lastBatchEnd = now;
        lastDraw = 0;
        width = columns.getAsInt();
    }

    void batchEnded(double loss, long now) {
        batch++;
        lossSum += loss;
        double seconds = (now - lastBatchEnd) / 1e9;
        lastBatchEnd = now;
        secondsPerBatch = secondsPerBatch < 0 ? seconds : secondsPerBatch + SMOOTHING * (seconds - secondsPerBatch);
    }

    /** The line at time {@code now}, fitted to the terminal (one column spare, so the cursor never wraps). */
    String line(long now) {
        double seconds = Math.max((now - epochStart) / 1e9, 1e-9);
        long seen = Math.min((long) batch * batchSize, samples);
        long batchesLeft = (batchesPerEpoch - batch) + (long) (epochs - epoch) * batchesPerEpoch;
        String head = String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs);
        String count = batch + "/" + batchesPerEpoch;
        String loss = String.format(Locale.ROOT, "loss %.4f", lossSum / Math.max(batch, 1));
        String speed = String.format(Locale.ROOT, "%.0f samples/s", seen / seconds);
        String eta = "ETA " + duration(Math.round(Math.max(secondsPerBatch, 0) * batchesLeft));
        return layout(head, count, loss, speed, eta, width - 1);
    }

    /**
     * The widest line that fits: every field and a bar of up to 30 columns; then without the speed,
     * then without the count; then without the bar, the time left and the loss, in that order.
     */
    String layout(String head, String count, String loss, String speed, String eta, int room) {
        List<List<String>> choices = List.of(List.of(count, loss, speed, eta), List.of(count, loss, eta),
                List.of(loss, eta));
        for (List<String> fields : choices) {
            String rest = String.join("  ", fields);
            int barWidth = Math.min(MAX_BAR, room - head.length() - rest.length() - 4);
            if (barWidth >= MIN_BAR) {
                int filled = (int) ((long) barWidth * batch / batchesPerEpoch);
                return head + " [" + "=".repeat(filled) + " ".repeat(barWidth - filled) + "] " + rest;
            }
        }
        List<String> fields = new ArrayList<>(List.of(loss, eta));
        while (true) {
            String line = fields.isEmpty() ? head : head + "  " + String.join("  ", fields);
            if (line.length() <= room || fields.isEmpty()) {
                return line.length() <= room ? line : line.substring(0, Math.max(0, room));
            }
            fields.remove(fields.size() - 1);
        }
    }

    /** A summary line within {@code room} columns: single spaces between fields, then fields dropped from the end. */
    static String fit(String line, int room) {
        if (line.length() <= room) {
            return line;
        }
        String compact = line.replaceAll(" {2,}", " ");
        while (compact.length() > room) {
            // fields are "name value" pairs: drop the last pair, or cut a lone word
            int cut = compact.lastIndexOf(' ', compact.lastIndexOf(' ') - 1);
            if (cut <= 0) {
                return compact.substring(0, Math.max(0, room));
            }
            compact = compact.substring(0, cut);
        }
        return compact;
    }

    private void draw(String line) {
        // pad with spaces so a shorter line wipes out the end of a longer one
        out.print("\r" + line + " ".repeat(Math.max(0, Math.min(drawnLength, width - 1) - line.length())));
        drawnLength = line.length();
        out.flush();
    }

    static String duration(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
