package org.neurite.api;

/** Creates {@link Optimizer}s of one kind from their options; an extension point for plugins. */
public interface OptimizerProvider extends ComponentProvider {

    /**
     * Creates an instance.
     *
     * @param options the options, checked against {@link #options()}
     * @return the new optimizer
     * @throws OptionException if an option is missing, mistyped or out of range
     */
    Optimizer create(Options options);
}
