package org.neurite.api;

/** Creates {@link Loss}s of one kind from their options; an extension point for plugins. */
public interface LossProvider extends ComponentProvider {

    /**
     * Creates an instance.
     *
     * @param options the options, checked against {@link #options()}
     * @return the new loss
     * @throws OptionException if an option is missing, mistyped or out of range
     */
    Loss create(Options options);
}
