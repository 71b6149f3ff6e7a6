package org.neurite.spark.barrier;

import java.util.List;

import org.neurite.engine.data.Dataset;
import org.neurite.engine.train.EarlyStopping;
import org.neurite.engine.train.Monitor;
import org.neurite.engine.train.TrainingListener;

/**
 * {@link MlpRecipe} with validation data (its first 32 training samples), a checkpoint plan,
 * early stopping on the validation loss, and optionally a checkpoint to resume from.
 *
 * @param base the run
 * @param checkpoints the checkpoints worker 0 writes, or null
 * @param minDelta early stopping's min_delta (patience 1); negative for no early stopping
 * @param resume the checkpoint to start from, or null
 */
record StoppingRecipe(MlpRecipe base, CheckpointPlan checkpoints, double minDelta, ResumePoint resume)
        implements MlpRecipeVariant {

    private static final long serialVersionUID = 1L;

    /** @return the same run, resumed from a checkpoint */
    StoppingRecipe resumed(ResumePoint from) {
        return new StoppingRecipe(base, checkpoints, minDelta, from);
    }

    @Override
    public List<TrainingListener> stopRules(Dataset train) {
        return minDelta < 0 ? List.of() : List.of(new EarlyStopping(Monitor.of("val_loss"), 1, minDelta));
    }

    @Override
    public ResumePoint resumeFrom() {
        return resume;
    }
}
