package org.neurite.launcher.run.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.engine.train.EpochResult;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    /** 100 samples in batches of 30 (4 batches per epoch), 3 epochs, in epoch 2 after two batches of 1.5 s. */
    private static ProgressBar twoBatchesIn(int columns) {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), 3, 100, 30, () -> columns);
        bar.epochStarted(2, 0);
        bar.batchEnded(0.5, SECOND * 3 / 2);
        bar.batchEnded(0.3, 3 * SECOND);
        return bar;
    }

    @Test
    void showsEpochBatchLossSpeedAndTimeLeft() {
        // 1.5 s per batch, 2 left in this epoch and 4 in the last: 9 s
        assertThat(twoBatchesIn(120).line(3 * SECOND)).isEqualTo(
                "epoch 2/3 [===============               ] 2/4  loss 0.4000  20 samples/s  ETA 0:09");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 80, 60, 50, 40, 30, 20})
    void theLineNeverReachesTheLastColumn(int columns) {
        String line = twoBatchesIn(columns).line(3 * SECOND);

        assertThat(line.length()).isLessThan(columns);
        assertThat(line).startsWith("epoch 2/3");
    }

    @Test
    void narrowTerminalsDropTheSpeedThenTheCountThenTheBar() {
        assertThat(twoBatchesIn(80).line(3 * SECOND))
                .isEqualTo("epoch 2/3 [=============             ] 2/4  loss 0.4000  20 samples/s  ETA 0:09");
        assertThat(twoBatchesIn(60).line(3 * SECOND)).isEqualTo("epoch 2/3 [==========          ] 2/4  loss 0.4000  ETA 0:09");
        assertThat(twoBatchesIn(45).line(3 * SECOND)).isEqualTo("epoch 2/3 [=====     ] loss 0.4000  ETA 0:09");
        assertThat(twoBatchesIn(40).line(3 * SECOND)).isEqualTo("epoch 2/3  loss 0.4000  ETA 0:09");
        assertThat(twoBatchesIn(30).line(3 * SECOND)).isEqualTo("epoch 2/3  loss 0.4000");
    }

    @Test
    void theTimeLeftFollowsAMovingAverageNotTheFirstBatches() {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), 1, 1000, 10, () -> 120);
        bar.epochStarted(1, 0);
        long now = 10 * SECOND; // a slow first batch (the JIT warming up), then 0.1 s each
        bar.batchEnded(1, now);
        for (int i = 0; i < 60; i++) {
            now += SECOND / 10;
            bar.batchEnded(1, now);
        }
        // 39 batches left at about 0.12 s: 5 s, not the 39 x 0.26 s = 10 s of the epoch's mean so far
        assertThat(bar.line(now)).endsWith("ETA 0:05");
    }

    @Test
    void anEpochEndsWithItsSummaryOnALineOfItsOwnFittedToTheWidth() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 10, 4, 0, () -> 60);
        bar.onEpochStart(null, 1);
        bar.onBatchEnd(null, 1, 1, 0.25);
        bar.onEpochEnd(null, new EpochResult(1, 0.25, 1.0, 0.5, 0.75, 0.5, 0.1));

        String[] drawn = text.toString().split("\r");
        String summary = drawn[drawn.length - 1].strip();
        assertThat(summary).isEqualTo("epoch 1/10 loss 0.2500 acc 1.0000 val_loss 0.5000");
        assertThat(summary.length()).isLessThan(60);
        assertThat(text.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void longDurationsShowHours() {
        assertThat(ProgressBar.duration(59)).isEqualTo("0:59");
        assertThat(ProgressBar.duration(3725)).isEqualTo("1:02:05");
    }

    @Test
    void theWidthIsReadFromColumnsWhenSensible() {
        assertThat(TerminalWidth.parse("132")).isEqualTo(132);
        assertThat(TerminalWidth.parse("abc")).isNull();
        assertThat(TerminalWidth.parse("5")).isNull();
    }
}
