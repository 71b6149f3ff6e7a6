package org.neurite.spark.barrier;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.Trainer;

/**
 * {@link MlpRecipe} with validation data (its first 32 training samples), a checkpoint plan, and
 * optionally training data that cannot be read, as an executor without the data's files would find.
 *
 * @param base the run
 * @param checkpoints the checkpoints worker 0 writes, or null
 * @param unreadable the message of the training data's failure, or null when it reads
 */
record CheckedRecipe(MlpRecipe base, CheckpointPlan checkpoints, String unreadable) implements TrainingRecipe {

    private static final long serialVersionUID = 1L;

    @Override
    public Model model() {
        return base.model();
    }

    @Override
    public Loss loss() {
        return base.loss();
    }

    @Override
    public Optimizer optimizer(Model model) {
        return base.optimizer(model);
    }

    @Override
    public Dataset trainingData() {
        if (unreadable != null) {
            throw new IllegalStateException(unreadable);
        }
        return base.trainingData();
    }

    @Override
    public Dataset validationData() {
        return base.trainingData().subset(0, 32);
    }

    @Override
    public long seed() {
        return base.seed();
    }

    @Override
    public Trainer.Builder configure(Trainer.Builder trainer) {
        return base.configure(trainer);
    }
}
