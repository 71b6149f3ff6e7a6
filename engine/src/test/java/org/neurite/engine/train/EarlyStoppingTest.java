package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.Tensor;
import org.neurite.engine.train.TrainingFakes.GradientDescent;
import org.neurite.engine.train.TrainingFakes.LinearRegression;
import org.neurite.engine.train.TrainingFakes.MeanSquaredError;

class EarlyStoppingTest {

    private static Trainer trainer(double learningRate, TrainingListener listener) {
        return Trainer.builder(new LinearRegression(2), new MeanSquaredError(), new GradientDescent(learningRate))
                .epochs(20).batchSize(10).listener(listener).build();
    }

    /** Up to 20 epochs on 40 samples of a linear function, validated on 20 others. */
    private static TrainingHistory fitWithValidation(double learningRate, TrainingListener listener) {
        Tensor[] train = TrainingFakes.linearData(40, 1);
        Tensor[] val = TrainingFakes.linearData(20, 2);
        return trainer(learningRate, listener).fit(train[0], train[1], val[0], val[1]);
    }

    private static EpochResult result(int epoch, double valLoss, double valAccuracy) {
        return new EpochResult(epoch, 1, Double.NaN, valLoss, valAccuracy, 0.1, 0.01);
    }

    @Test
    void stopsTrainingWhenTheValidationLossStopsFalling() {
        // a learning rate of 0 leaves the model and so the validation loss unchanged
        EarlyStopping stopping = new EarlyStopping(Monitor.VAL_LOSS, 2, 0);

        TrainingHistory history = fitWithValidation(0, stopping);

        assertThat(history.epochs()).hasSize(3);
        assertThat(history.stoppedEarly()).isTrue();
        assertThat(stopping.bestEpoch()).isEqualTo(1);
        assertThat(stopping.stoppedAfter()).isEqualTo(3);
    }

    @Test
    void keepsTrainingWhileTheValidationLossFalls() {
        EarlyStopping stopping = new EarlyStopping(Monitor.VAL_LOSS, 2, 0);

        TrainingHistory history = fitWithValidation(0.05, stopping);

        assertThat(history.epochs()).hasSize(20);
        assertThat(history.stoppedEarly()).isFalse();
        assertThat(stopping.stoppedAfter()).isZero();
    }

    @Test
    void countsOnlyImprovementsLargerThanMinDelta() {
        Trainer trainer = trainer(0, new TrainingListener() { });
        EarlyStopping stopping = new EarlyStopping(Monitor.VAL_ACCURACY, 2, 0.01);
        stopping.onTrainingStart(trainer);
        stopping.onEpochEnd(trainer, result(1, 1, 0.80));
        stopping.onEpochEnd(trainer, result(2, 1, 0.805)); // +0.005: not enough
        assertThat(stopping.stoppedAfter()).isZero();
        stopping.onEpochEnd(trainer, result(3, 1, 0.82)); // +0.02: improves
        stopping.onEpochEnd(trainer, result(4, 1, 0.70));
        assertThat(stopping.stoppedAfter()).isZero();
        stopping.onEpochEnd(trainer, result(5, 1, 0.829));

        assertThat(stopping.bestEpoch()).isEqualTo(3);
        assertThat(stopping.best()).isEqualTo(0.82);
        assertThat(stopping.stoppedAfter()).isEqualTo(5);
    }

    @Test
    void explainsWhenThereIsNoValidationToMonitor() {
        EarlyStopping stopping = new EarlyStopping(Monitor.of("val_loss"), 3, 0);
        Tensor[] train = TrainingFakes.linearData(40, 1);

        assertThatThrownBy(() -> trainer(0.01, stopping).fit(train[0], train[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("early stopping monitors val_loss, which epoch 1 did not measure: there is no validation data");
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> Monitor.of("val_acc"))
                .hasMessage("unknown monitor 'val_acc'; known: val_loss, val_accuracy, loss");
        assertThatThrownBy(() -> new EarlyStopping(Monitor.VAL_LOSS, 0, 0))
                .hasMessage("early stopping: patience must be at least 1, got 0");
        assertThatThrownBy(() -> new EarlyStopping(Monitor.VAL_LOSS, 1, -0.1))
                .hasMessage("early stopping: min_delta must be 0 or more, got -0.1");
    }
}
