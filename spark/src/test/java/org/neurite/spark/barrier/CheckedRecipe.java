package org.neurite.spark.barrier;

import org.neurite.engine.data.Dataset;

/**
 * {@link MlpRecipe} with validation data (its first 32 training samples), a checkpoint plan, and
 * optionally training data that cannot be read, as an executor without the data's files would find.
 *
 * @param base the run
 * @param checkpoints the checkpoints worker 0 writes, or null
 * @param unreadable the message of the training data's failure, or null when it reads
 */
record CheckedRecipe(MlpRecipe base, CheckpointPlan checkpoints, String unreadable) implements MlpRecipeVariant {

    private static final long serialVersionUID = 1L;

    @Override
    public Dataset trainingData() {
        if (unreadable != null) {
            throw new IllegalStateException(unreadable);
        }
        return base.trainingData();
    }
}
