package org.neurite.engine.optim.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Monitor;
import org.neurite.engine.train.TrainingState;

class ReduceOnPlateauTest {

    private static EpochResult epoch(int epoch, double valLoss) {
        return new EpochResult(epoch, 1.0, Double.NaN, valLoss, Double.NaN, 0.1, 0.1);
    }

    /** The rates torch 1.13's ReduceLROnPlateau(factor=0.5, patience=1, min_lr=0.02) holds after each of these losses. */
    @Test
    void halvesTheRateAfterPatienceEpochsWithoutImprovementAsPyTorchDoes() {
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.1, Monitor.VAL_LOSS, 0.5, 1, 1e-4, 0, 0.02);
        double[] losses = {1.0, 0.9, 0.95, 0.93, 0.92, 0.91, 0.95, 0.96, 0.97, 0.98};
        List<Double> rates = new ArrayList<>();
        plateau.onTrainingStart(null);
        for (int i = 0; i < losses.length; i++) {
            plateau.onEpochEnd(null, epoch(i + 1, losses[i]));
            rates.add(plateau.rate(0));
        }
        assertThat(rates).containsExactly(0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02);
    }

    @Test
    void aResumedRunReplaysTheEpochsBeforeAndContinuesWithTheSameRate() {
        List<EpochResult> history = List.of(epoch(1, 1.0), epoch(2, 1.1), epoch(3, 1.2));
        ReduceOnPlateau straight = new ReduceOnPlateau(0.1, Monitor.VAL_LOSS, 0.5, 1, 0, 0, 0);
        straight.onTrainingStart(null);
        history.forEach(r -> straight.onEpochEnd(null, r));
        ReduceOnPlateau resumed = new ReduceOnPlateau(0.1, Monitor.VAL_LOSS, 0.5, 1, 0, 0, 0);
        resumed.onTrainingStart(null);
        resumed.onResume(null, new TrainingState(3, 30, history, false));

        assertThat(resumed.currentRate()).isEqualTo(straight.currentRate()).isEqualTo(0.05);
    }

    @Test
    void theProviderChecksItsOptionsAndAMissingMeasureIsNamed() {
        ReduceOnPlateauProvider provider = new ReduceOnPlateauProvider();
        assertThatThrownBy(() -> provider.create(Options.of("optimizer.schedule", Map.of("factor", 2.0)),
                new ScheduleContext(0.1, 100)))
                .isInstanceOf(OptionException.class).hasMessage("optimizer.schedule.factor: must be in (0, 1), got 2.0");
        ReduceOnPlateau plateau = (ReduceOnPlateau) provider.create(Options.of("optimizer.schedule", Map.of()),
                new ScheduleContext(0.1, 100));
        assertThatThrownBy(() -> plateau.onEpochEnd(null, epoch(1, Double.NaN)))
                .hasMessage("reduce_on_plateau monitors val_loss, which epoch 1 did not measure: there is no validation data");
    }
}
