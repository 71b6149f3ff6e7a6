/**
 * Training with long-lived Spark barrier tasks that talk over the ring: per-step gradient
 * all-reduce or local SGD ({@link org.neurite.spark.barrier.BarrierMode}), started by
 * {@link org.neurite.spark.barrier.BarrierTraining} from a
 * {@link org.neurite.spark.barrier.TrainingRecipe} every worker builds its run from.
 */
package org.neurite.spark.barrier;
