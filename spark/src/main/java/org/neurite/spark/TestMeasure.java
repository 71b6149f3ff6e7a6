package org.neurite.spark;

import org.apache.spark.api.java.function.Function;
import org.neurite.spark.barrier.TrainingRecipe;

/**
 * The body of the one task that measures trained weights on the test data an executor reads
 * ({@link TrainingRecipe#measureTest}). Holds the recipe and the weights' bytes.
 */
final class TestMeasure implements Function<Integer, String> {

    private static final long serialVersionUID = 1L;

    private final TrainingRecipe recipe;
    private final byte[] weights;

    /**
     * @param recipe the run's recipe
     * @param weights the weights to measure, as safetensors bytes
     */
    TestMeasure(TrainingRecipe recipe, byte[] weights) {
        this.recipe = recipe;
        this.weights = weights.clone();
    }

    @Override
    public String call(Integer task) {
        try {
            return recipe.measureTest(weights);
        } finally {
            recipe.release();
        }
    }
}
