/**
 * Neurite's stable contracts: {@link org.neurite.api.Tensor} and {@link org.neurite.api.Shape},
 * the {@link org.neurite.api.Backend} that creates tensors and offers the neural-network
 * operations, the components a model is made of ({@link org.neurite.api.Layer},
 * {@link org.neurite.api.Activation}, {@link org.neurite.api.Loss},
 * {@link org.neurite.api.Optimizer}, {@link org.neurite.api.Initializer}), the sources of
 * samples ({@link org.neurite.api.DataSource}) and the providers through which plugins
 * contribute new kinds of them.
 *
 * <p>This package depends on the JDK alone. Plugins compile against it and nothing else;
 * the engine implements it.
 */
package org.neurite.api;
