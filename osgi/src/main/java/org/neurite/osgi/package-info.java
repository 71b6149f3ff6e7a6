/**
 * Neurite inside an OSGi framework. The bundle {@code org.neurite.osgi} publishes the engine's
 * component registry ({@link org.neurite.engine.registry.Components}) as a service, holding the
 * built-in components and every {@code LayerProvider}, {@code ActivationProvider},
 * {@code LossProvider}, {@code OptimizerProvider} and {@code InitializerProvider} that other
 * bundles register as services (the whiteboard pattern): a provider is usable by name as soon
 * as its service appears, and gone when its bundle stops. {@link org.neurite.osgi.BundleWatch}
 * ends a training run whose layers come from a bundle that stopped.
 */
package org.neurite.osgi;
