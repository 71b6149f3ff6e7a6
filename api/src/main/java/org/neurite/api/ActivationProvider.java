package org.neurite.api;

/** Creates {@link Activation}s of one kind from their options; an extension point for plugins. */
public interface ActivationProvider extends ComponentProvider {

    /**
     * Creates an instance.
     *
     * @param options the options, checked against {@link #options()}
     * @return the new activation
     * @throws OptionException if an option is missing, mistyped or out of range
     */
    Activation create(Options options);
}
