package org.neurite.api;

import java.util.List;

/**
 * A {@link LayerProvider} written as its parts: name, description, options and the constructor
 * that creates the layer from checked options. A plugin's provider then reads
 *
 * <pre>{@code
 * @Extension
 * public static final class Provider extends LayerDefinition implements LayerProvider {
 *     public Provider() {
 *         super("layer_scale", "Multiplies each feature by a learned scale.", LayerScale::new,
 *                 OptionSpec.optional("init_values", OptionType.NUMBER, 1e-5, "Initial scale.").atLeast(0));
 *     }
 * }
 * }</pre>
 *
 * ({@code implements LayerProvider} is repeated on purpose: PF4J's annotation processor, told
 * {@code pf4j.ignoreExtensionPoint}, takes the interface a class names itself as its extension point.)
 */
public abstract class LayerDefinition implements LayerProvider {

    /** Creates a layer from options the host has checked and completed with their defaults. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param options the checked options
         * @param inputShape the per-sample input shape
         * @param context the backend, random source and other components
         * @return the layer
         */
        Layer create(Options options, Shape inputShape, LayerContext context);
    }

    private final String name;
    private final String description;
    private final Factory factory;
    private final List<OptionSpec> options;

    /**
     * @param name the type configs use, lower case with underscores
     * @param description what the layer does, in one sentence
     * @param factory creates the layer, usually its constructor ({@code LayerScale::new})
     * @param options every option the layer reads
     */
    protected LayerDefinition(String name, String description, Factory factory, OptionSpec... options) {
        this.name = name;
        this.description = description;
        this.factory = factory;
        this.options = List.of(options);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<OptionSpec> options() {
        return options;
    }

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        return factory.create(options, inputShape, context);
    }
}
