package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.neurite.api.Tensor;
import org.neurite.engine.train.TrainingFakes.GradientDescent;
import org.neurite.engine.train.TrainingFakes.LinearRegression;
import org.neurite.engine.train.TrainingFakes.MeanSquaredError;

class ProgressLoggerTest {

    @Test
    void formatsEveryMeasureThatWasTaken() {
        EpochResult r = new EpochResult(3, 0.41234, 0.85123, 0.44561, 0.84012, 4.213, 0.001);

        assertThat(ProgressLogger.line(r, 10))
                .isEqualTo("epoch 3/10  loss 0.4123  acc 0.8512  val_loss 0.4456  val_acc 0.8401  lr 0.00100  4.21 s");
    }

    @Test
    void leavesOutMeasuresThatWereNotTaken() {
        EpochResult r = new EpochResult(1, 2.5, Double.NaN, Double.NaN, Double.NaN, 0.5, 0.1);

        assertThat(ProgressLogger.line(r, 2)).isEqualTo("epoch 1/2  loss 2.5000  lr 0.100  0.50 s");
    }

    @Test
    void printsOneLinePerEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tensor[] data = TrainingFakes.linearData(20, 1);
        Trainer.builder(new LinearRegression(2), new MeanSquaredError(), new GradientDescent(0.1))
                .epochs(2).batchSize(5)
                .listener(new ProgressLogger(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .build().fit(data[0], data[1]);

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("epoch 1/2  loss ");
        assertThat(lines[1]).startsWith("epoch 2/2  loss ").contains("  lr 0.100  ");
    }
}
