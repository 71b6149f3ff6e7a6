package org.neurite.spark.barrier;

import java.io.Serializable;

import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * Makes one worker fail at a step of the first attempt of its barrier stage: by throwing (a
 * failed task, as in {@code local[N,F]}) or by ending its JVM (a lost executor, as in
 * {@code local-cluster}).
 *
 * @param rank the worker that fails
 * @param step the step after which it fails
 * @param exit whether it ends its JVM rather than throw
 */
public record FailOnce(int rank, long step, boolean exit) implements TrainingListener, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, long at, double loss) {
        if (at == step) {
            if (exit) {
                System.exit(3);
            }
            throw new IllegalStateException("worker " + rank + " fails on purpose after step " + step);
        }
    }
}
