package org.neurite.spark.barrier;

import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;
import org.neurite.spark.ring.RingAllReduce;

/**
 * Makes every worker of a barrier run stop after the same epoch: worker 0 runs the stop rules
 * (early stopping on its validation, the stop at zero errors) as one machine does, and after every
 * epoch the ring sums one flag, 1 from worker 0 if a rule asked to stop; every worker then stops
 * alike. It is added after the rules, so that worker 0's trainer already knows their decision.
 */
final class StopAgreement implements TrainingListener {

    private final RingAllReduce ring;

    StopAgreement(RingAllReduce ring) {
        this.ring = ring;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        float[] flag = {ring.rank() == 0 && trainer.stopRequested() ? 1f : 0f};
        ring.sum(flag);
        if (flag[0] > 0) {
            trainer.stop();
        }
    }
}
