/**
 * Data-parallel training of Neurite models on Apache Spark. {@link org.neurite.spark.SparkTraining}
 * is the entry for a Spark application's own code; the training modes live in their own packages
 * ({@code sync}: gradients of fixed-size micro-batches summed in a fixed order, one optimizer step
 * per global batch), and what travels to the executors (the model as {@code model.json} plus
 * safetensors bytes, the data, the plugin zips) in {@code travel}. Spark and Scala are provided by
 * the cluster: nothing of theirs is packed with Neurite.
 */
package org.neurite.spark;
