package org.neurite.spark.barrier;

import java.util.List;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * {@link MlpRecipe}'s run with validation data (its first 32 training samples): everything comes
 * from {@link #base()} unless the record that implements this changes it.
 */
interface MlpRecipeVariant extends TrainingRecipe {

    /** @return the run this one varies */
    MlpRecipe base();

    @Override
    default Model model() {
        return base().model();
    }

    @Override
    default Loss loss() {
        return base().loss();
    }

    @Override
    default Optimizer optimizer(Model model) {
        return base().optimizer(model);
    }

    @Override
    default Dataset trainingData() {
        return base().trainingData();
    }

    @Override
    default Dataset validationData() {
        return base().trainingData().subset(0, 32);
    }

    @Override
    default long seed() {
        return base().seed();
    }

    @Override
    default Trainer.Builder configure(Trainer.Builder trainer) {
        return base().configure(trainer);
    }

    @Override
    default List<TrainingListener> listeners(int rank, int attempt) {
        return base().listeners(rank, attempt);
    }
}
