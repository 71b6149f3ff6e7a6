package org.neurite.spark.sync;

import java.io.Serializable;

/**
 * One fixed-size slice of a step's global batch, as a task receives it.
 *
 * @param index its place in the step's batch, from 0: gradients are summed in this order
 * @param samples the indices of its samples in the training data
 */
public record MicroBatch(int index, int[] samples) implements Serializable {
}
