package org.neurite.spark.sync;

import java.io.Serializable;

/**
 * What a task sends back for one micro-batch.
 *
 * @param index the micro-batch's place in the step's batch
 * @param gradient the gradients of its mean loss, every parameter's in the model's parameter order
 * @param present for each parameter, whether any gradient reached it
 * @param loss its mean loss
 * @param weight what its mean is taken over: samples, or counted steps for per-step targets
 * @param prediction the model's output for it, row-major
 * @param predictionShape the output's shape
 */
public record MicroGradient(int index, float[] gradient, boolean[] present, double loss, long weight,
                            float[] prediction, int[] predictionShape) implements Serializable {
}
