package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.Tensor;
import org.neurite.engine.optim.clip.ValueClipper;
import org.neurite.engine.train.TrainingFakes.GradientDescent;
import org.neurite.engine.train.TrainingFakes.LinearRegression;
import org.neurite.engine.train.TrainingFakes.MeanSquaredError;

class TrainerTest {

    private static TrainingHistory train(LinearRegression model, long seed, int batchSize, int epochs, double lr,
                                         TrainingListener... listeners) {
        Tensor[] data = TrainingFakes.linearData(100, 7);
        // no check for finite explosions: the tests of divergence want the loss to overflow
        Trainer.Builder b = Trainer.builder(model, new MeanSquaredError(), new GradientDescent(lr))
                .epochs(epochs).batchSize(batchSize).seed(seed).divergenceFactor(0);
        for (TrainingListener l : listeners) {
            b.listener(l);
        }
        return b.build().fit(data[0], data[1]);
    }

    @Test
    void minibatchesRecoverTheWeightsOfALinearFunction() {
        LinearRegression model = new LinearRegression(2);
        TrainingHistory history = train(model, 0, 10, 60, 0.1);

        assertThat(model.weight.data()[0]).isCloseTo(2f, within(0.02f));
        assertThat(model.weight.data()[1]).isCloseTo(-3f, within(0.02f));
        assertThat(model.bias.data()[0]).isCloseTo(0.5f, within(0.02f));
        assertThat(history.epochs()).hasSize(60);
        assertThat(history.last().loss()).isLessThan(1e-3).isLessThan(history.epochs().get(0).loss() / 100);
        assertThat(history.stoppedEarly()).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameLossCurveBitForBit() {
        double[] first = train(new LinearRegression(2), 42, 8, 5, 0.05).losses();
        double[] second = train(new LinearRegression(2), 42, 8, 5, 0.05).losses();
        double[] otherSeed = train(new LinearRegression(2), 43, 8, 5, 0.05).losses();

        assertThat(second).containsExactly(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void shufflesEveryEpochAndKeepsTheLastPartialBatch() {
        LinearRegression model = new LinearRegression(2);
        List<Long> steps = new ArrayList<>();
        train(model, 3, 32, 2, 0.01, new TrainingListener() {
            @Override
            public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
                steps.add(step);
            }
        });

        // 100 samples in batches of 32: 32, 32, 32, 4, twice
        assertThat(steps).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(model.inputs).extracting(x -> x.length / 2).containsExactly(32, 32, 32, 4, 32, 32, 32, 4);
        assertThat(model.inputs.get(0)).isNotEqualTo(model.inputs.get(4));
        assertThat(model.modes).containsOnly(Mode.TRAINING);
    }

    @Test
    void batchSizeZeroOrAtLeastTheSampleCountMeansFullBatchGradientDescent() {
        LinearRegression zero = new LinearRegression(2);
        LinearRegression large = new LinearRegression(2);
        double[] zeroLosses = train(zero, 1, 0, 4, 0.1).losses();
        double[] largeLosses = train(large, 2, 1000, 4, 0.1).losses();

        assertThat(zero.inputs).hasSize(4).allSatisfy(x -> assertThat(x).hasSize(200));
        // one update per epoch over all samples in stored order, so the seed does not matter
        assertThat(largeLosses).containsExactly(zeroLosses);
        Tensor[] data = TrainingFakes.linearData(100, 7);
        assertThat(zero.inputs.get(0)).containsExactly(data[0].toArray());
    }

    @Test
    void aDivergingLossStopsTrainingNamingEpochStepAndLastFiniteLoss() {
        assertThatThrownBy(() -> train(new LinearRegression(2), 0, 10, 50, 1e3))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("training diverged")
                .hasMessageMatching("(?s).*at epoch \\d+, step \\d+ \\(batch \\d+ of 10\\).*")
                .hasMessageContaining("the last finite loss was")
                .satisfies(e -> {
                    TrainingDivergedException d = (TrainingDivergedException) e;
                    assertThat(d.loss()).satisfiesAnyOf(l -> assertThat(l).isNaN(), l -> assertThat(l).isInfinite());
                    assertThat(d.lastFiniteLoss()).isFinite().isGreaterThan(1e10);
                    assertThat(d.step()).isGreaterThan(1);
                    assertThat(d.getMessage()).contains("epoch " + d.epoch() + ", step " + d.step());
                });
    }

    @Test
    void validationRunsInInferenceModeAfterEachEpoch() {
        LinearRegression model = new LinearRegression(2);
        Tensor[] train = TrainingFakes.linearData(40, 1);
        Tensor[] val = TrainingFakes.linearData(20, 2);
        Trainer trainer = Trainer.builder(model, new MeanSquaredError(), new GradientDescent(0.1))
                .epochs(3).batchSize(10).build();

        TrainingHistory history = trainer.fit(train[0], train[1], val[0], val[1]);

        // 4 training batches and 2 validation batches of 10 per epoch
        assertThat(model.modes).hasSize(18);
        assertThat(model.modes.subList(4, 6)).containsOnly(Mode.INFERENCE);
        assertThat(history.epochs()).allSatisfy(r -> {
            assertThat(r.hasValidation()).isTrue();
            assertThat(r.validationLoss()).isPositive();
            assertThat(r.accuracy()).isNaN();
            assertThat(r.learningRate()).isEqualTo(0.1);
        });
        assertThat(history.last().validationLoss()).isLessThan(history.epochs().get(0).validationLoss());
    }

    @Test
    void listenersHearEveryEventInOrder() {
        List<String> events = new ArrayList<>();
        train(new LinearRegression(2), 0, 50, 2, 0.01, new TrainingListener() {
            @Override
            public void onTrainingStart(Trainer trainer) {
                events.add("start");
            }

            @Override
            public void onEpochStart(Trainer trainer, int epoch) {
                events.add("epoch " + epoch);
            }

            @Override
            public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
                events.add("step " + step);
            }

            @Override
            public void onEpochEnd(Trainer trainer, EpochResult result) {
                events.add("end " + result.epoch());
            }

            @Override
            public void onTrainingEnd(Trainer trainer, TrainingHistory history) {
                events.add("done " + history.epochs().size());
            }
        });

        assertThat(events).containsExactly("start", "epoch 1", "step 1", "step 2", "end 1",
                "epoch 2", "step 3", "step 4", "end 2", "done 2");
    }

    @Test
    void aListenerCanStopTrainingAfterTheCurrentEpoch() {
        TrainingHistory history = train(new LinearRegression(2), 0, 50, 10, 0.01, new TrainingListener() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochResult result) {
                if (result.epoch() == 3) {
                    trainer.stop();
                }
            }
        });

        assertThat(history.epochs()).hasSize(3);
        assertThat(history.stoppedEarly()).isTrue();
    }

    @Test
    void rejectsBadSettingsAndMismatchedData() {
        Trainer.Builder b = Trainer.builder(new LinearRegression(2), new MeanSquaredError(), new GradientDescent(0.1));
        assertThatThrownBy(() -> b.epochs(0)).hasMessage("trainer: epochs must be at least 1, got 0");
        assertThatThrownBy(() -> b.batchSize(-1)).hasMessageContaining("batch size must be 0 (full batch) or positive, got -1");
        assertThatThrownBy(() -> Trainer.builder(null, new MeanSquaredError(), new GradientDescent(0.1)))
                .hasMessage("trainer: the model is required");
        Tensor[] data = TrainingFakes.linearData(10, 1);
        Tensor[] other = TrainingFakes.linearData(11, 1);
        assertThatThrownBy(() -> b.build().fit(data[0], other[1]))
                .isInstanceOf(org.neurite.api.ShapeMismatchException.class)
                .hasMessageContaining("training data: inputs [10, 2] and targets [11, 1]");
    }

    @Test
    void aScheduleSetsTheRateBeforeEveryUpdateCountingStepsOverTheRun() {
        Tensor[] data = TrainingFakes.linearData(20, 1);
        GradientDescent sgd = new GradientDescent(1);
        TrainingHistory history = Trainer.builder(new LinearRegression(2), new MeanSquaredError(), sgd)
                .epochs(2).batchSize(10).schedule(step -> 0.01 * (step + 1)).build()
                .fit(data[0], data[1]);

        assertThat(sgd.rates).containsExactly(0.01, 0.02, 0.03, 0.04);
        assertThat(history.epochs()).extracting(EpochResult::learningRate).containsExactly(0.02, 0.04);
    }

    @Test
    void clipsTheGlobalGradientNormBeforeTheUpdate() {
        // one full-batch step from zero weights: the update is lr times the clipped gradient
        Tensor[] data = TrainingFakes.linearData(100, 7);
        LinearRegression clipped = new LinearRegression(2);
        LinearRegression free = new LinearRegression(2);
        Trainer.builder(clipped, new MeanSquaredError(), new GradientDescent(1)).batchSize(0).clipGradientNorm(0.5)
                .build().fit(data[0], data[1]);
        Trainer.builder(free, new MeanSquaredError(), new GradientDescent(1)).batchSize(0)
                .build().fit(data[0], data[1]);

        double clippedNorm = norm(clipped.weight.data()[0], clipped.weight.data()[1], clipped.bias.data()[0]);
        double freeNorm = norm(free.weight.data()[0], free.weight.data()[1], free.bias.data()[0]);
        assertThat(freeNorm).isGreaterThan(1);
        assertThat(clippedNorm).isCloseTo(0.5, within(1e-5));
        assertThat(clipped.weight.data()[0] / free.weight.data()[0]).isCloseTo((float) (0.5 / freeNorm), within(1e-5f));
        assertThatThrownBy(() -> Trainer.builder(free, new MeanSquaredError(), new GradientDescent(1)).clipGradientNorm(-1))
                .hasMessageContaining("gradient clipping norm must be 0 (off) or a finite positive number, got -1.0");
    }

    @Test
    void anyClipperRunsBetweenTheBackwardPassAndTheUpdate() {
        // clipping every gradient element to 1e-3 bounds each weight's one full-batch step by lr * 1e-3
        Tensor[] data = TrainingFakes.linearData(100, 7);
        LinearRegression model = new LinearRegression(2);
        Trainer.builder(model, new MeanSquaredError(), new GradientDescent(1)).batchSize(0)
                .clipping(new ValueClipper(1e-3)).build().fit(data[0], data[1]);

        for (float w : new float[] {model.weight.data()[0], model.weight.data()[1], model.bias.data()[0]}) {
            assertThat(Math.abs(w)).isCloseTo(1e-3f, within(1e-9f));
        }
    }

    private static double norm(double... v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
