package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Tensor;
import org.neurite.engine.train.TrainingFakes.GradientDescent;
import org.neurite.engine.train.TrainingFakes.LinearRegression;
import org.neurite.engine.train.TrainingFakes.MeanSquaredError;

class TrainingListenersTest {

    /** Notes every event it hears, under its name. */
    private static class Recording implements TrainingListener {
        private final String name;
        private final List<String> heard;

        Recording(String name, List<String> heard) {
            this.name = name;
            this.heard = heard;
        }

        @Override
        public void onTrainingStart(Trainer trainer) {
            heard.add(name + " start");
        }

        @Override
        public void onResume(Trainer trainer, TrainingState from) {
            heard.add(name + " resume " + from.epoch());
        }

        @Override
        public void onEpochStart(Trainer trainer, int epoch) {
            heard.add(name + " epoch " + epoch);
        }

        @Override
        public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
            heard.add(name + " step " + step);
        }

        @Override
        public void onEpochEnd(Trainer trainer, EpochResult result) {
            heard.add(name + " end of epoch " + result.epoch());
        }

        @Override
        public void onTrainingEnd(Trainer trainer, TrainingHistory history) {
            heard.add(name + " end after " + history.epochs().size());
        }
    }

    /** A schedule that follows the run, as reduce-on-plateau does. */
    private static final class WatchingSchedule extends Recording implements LearningRateSchedule {
        WatchingSchedule(List<String> heard) {
            super("schedule", heard);
        }

        @Override
        public double rate(int step) {
            return 0.01;
        }
    }

    @Test
    void aWatchingScheduleHearsOfEveryEventBeforeTheListenersInTheOrderAdded() {
        List<String> heard = new ArrayList<>();
        Tensor[] data = TrainingFakes.linearData(20, 1);
        Trainer.builder(new LinearRegression(2), new MeanSquaredError(), new GradientDescent(0.01))
                .epochs(1).batchSize(10).schedule(new WatchingSchedule(heard))
                .listener(new Recording("a", heard)).listener(new Recording("b", heard))
                .build().fit(data[0], data[1]);

        assertThat(heard).containsExactly(
                "schedule start", "a start", "b start",
                "schedule epoch 1", "a epoch 1", "b epoch 1",
                "schedule step 1", "a step 1", "b step 1",
                "schedule step 2", "a step 2", "b step 2",
                "schedule end of epoch 1", "a end of epoch 1", "b end of epoch 1",
                "schedule end after 1", "a end after 1", "b end after 1");
    }

    @Test
    void aResumedRunIsToldOfItsPositionAfterTheStart() {
        List<String> heard = new ArrayList<>();
        TrainingListeners listeners = new TrainingListeners(List.of(new Recording("a", heard)), step -> 0.1);
        Trainer trainer = Trainer.builder(new LinearRegression(2), new MeanSquaredError(), new GradientDescent(0.01))
                .build();

        listeners.trainingStart(trainer);
        listeners.resume(trainer, TrainingState.start());

        // a schedule that does not listen is not among the listeners
        assertThat(heard).containsExactly("a start", "a resume 0");
    }
}
