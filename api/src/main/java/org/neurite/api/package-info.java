/**
 * Neurite's stable contracts: {@link org.neurite.api.Tensor} and {@link org.neurite.api.Shape},
 * the {@link org.neurite.api.Backend} that creates tensors and offers the neural-network
 * operations, the components a model is made of ({@link org.neurite.api.Layer},
 * {@link org.neurite.api.Activation}, {@link org.neurite.api.Loss},
 * {@link org.neurite.api.Optimizer}, {@link org.neurite.api.Initializer}), what trains them
 * ({@link org.neurite.api.LearningRateSchedule}, {@link org.neurite.api.GradientClipper}), the
 * sources of samples ({@link org.neurite.api.DataSource}), the providers through which plugins
 * contribute new kinds of them, and custom differentiable ops ({@link org.neurite.api.Backend#custom})
 * for what the built-in operations do not cover.
 *
 * <p>This package depends on the JDK alone. Plugins compile against it and nothing else;
 * the engine implements it.
 */
package org.neurite.api;
