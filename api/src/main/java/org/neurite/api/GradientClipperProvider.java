package org.neurite.api;

/**
 * Creates {@link GradientClipper}s of one kind from their options; an extension point for
 * plugins. A run config names it by {@code type} under the optimizer's {@code clip}:
 * <pre>
 *   optimizer: {name: sgd, lr: 0.1, clip: {type: value, clip_value: 0.5}}
 * </pre>
 * The options passed to {@link #create} are that map without {@code type}.
 */
public interface GradientClipperProvider extends ComponentProvider {

    /**
     * Creates an instance.
     *
     * @param options the options, checked against {@link #options()}
     * @return the new clipper
     * @throws OptionException if an option is missing, mistyped or out of range
     */
    GradientClipper create(Options options);
}
