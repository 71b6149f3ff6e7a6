package org.neurite.launcher.run.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.neurite.engine.train.EpochResult;

class ProgressBarTest {

    @Test
    void showsEpochBatchLossSpeedAndTimeLeft() {
        StringWriter text = new StringWriter();
        // 100 samples in batches of 30: 4 batches per epoch, the last one of 10
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 3, 100, 30);
        bar.onEpochStart(null, 2);
        bar.onBatchEnd(null, 2, 5, 0.5);
        bar.onBatchEnd(null, 2, 6, 0.3);

        // 2 batches (60 samples) in 3 s: 1.5 s per batch, 2 left in this epoch and 4 in the last
        assertThat(bar.line(3_000_000_000L))
                .isEqualTo("epoch 2/3 [============            ] 2/4  loss 0.4000  20 samples/s  ETA 0:09");
    }

    @Test
    void anEpochEndsWithItsSummaryOnALineOfItsOwn() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 1, 4, 0);
        bar.onEpochStart(null, 1);
        bar.onBatchEnd(null, 1, 1, 0.25);
        bar.onEpochEnd(null, new EpochResult(1, 0.25, 1.0, Double.NaN, Double.NaN, 0.5, 0.1));

        String[] drawn = text.toString().split("\r");
        assertThat(drawn[drawn.length - 1].strip()).isEqualTo("epoch 1/1  loss 0.2500  acc 1.0000  lr 0.100  0.50 s");
        assertThat(text.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void longDurationsShowHours() {
        assertThat(ProgressBar.duration(59)).isEqualTo("0:59");
        assertThat(ProgressBar.duration(3725)).isEqualTo("1:02:05");
    }
}
