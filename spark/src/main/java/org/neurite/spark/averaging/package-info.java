/**
 * Local SGD: workers train apart and average their parameters every K steps over the ring
 * ({@link org.neurite.spark.averaging.ParameterAveraging}); each keeps its own optimizer state.
 */
package org.neurite.spark.averaging;
