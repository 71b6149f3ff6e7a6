package org.neurite.spark.sync;

import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/** Ends a run after a number of steps, mid-epoch, keeping every step's loss. */
final class StepLimit implements TrainingListener {

    private static final class Reached extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final double[] losses;

    StepLimit(int steps) {
        this.losses = new double[steps];
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
        losses[(int) step - 1] = loss;
        if (step == losses.length) {
            throw new Reached();
        }
    }

    /** Runs the training until the limit ends it. */
    void run(Runnable training) {
        try {
            training.run();
            throw new AssertionError("the run ended before step " + losses.length);
        } catch (Reached done) {
            // the weights are those after the last step
        }
    }

    double[] losses() {
        return losses.clone();
    }
}
