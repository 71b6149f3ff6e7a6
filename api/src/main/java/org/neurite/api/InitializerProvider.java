package org.neurite.api;

/** Creates {@link Initializer}s of one kind from their options; an extension point for plugins. */
public interface InitializerProvider extends ComponentProvider {

    /**
     * Creates an instance.
     *
     * @param options the options, checked against {@link #options()}
     * @return the new initializer
     * @throws OptionException if an option is missing, mistyped or out of range
     */
    Initializer create(Options options);
}
