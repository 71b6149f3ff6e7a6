package org.neurite.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What most layers share, so a layer writes only its parameters, {@link #outputShape} and
 * {@link #forward}: the type and options it was created with (for the saved architecture), and
 * its parameters, each registered once, in order, under its PyTorch name ({@code weight},
 * {@code bias}; a nested layer's under {@code name.}), from which {@link #parameters()} is
 * derived. A layer registers its parameters in its constructor:
 *
 * <pre>{@code
 * LayerScale(Options options, Shape input, LayerContext context) {
 *     super("layer_scale", options, context);
 *     gamma = addConstant("gamma", Shape.of(input.dim(-1)), options.getFloat("init_values"));
 * }
 * }</pre>
 *
 * Initial values are drawn from the context's random source in registration order, so the
 * model's seed fixes them.
 */
public abstract class BaseLayer implements Layer {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    private final String type;
    private final Options options;
    private final LayerContext context;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    /**
     * @param type the provider's name, such as {@code layer_scale}
     * @param options the options the layer was created with (as its provider received them)
     * @param context the backend and random source the parameters are created with
     */
    protected BaseLayer(String type, Options options, LayerContext context) {
        this.type = type;
        this.options = options;
        this.context = context;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Options options() {
        return options;
    }

    @Override
    public final Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** @return the context the layer was created in: its backend, random source and components */
    protected final LayerContext context() {
        return context;
    }

    /**
     * Registers a trainable parameter.
     *
     * @param name its name, as PyTorch names it ({@code weight})
     * @param shape its shape, in PyTorch's layout
     * @param initializer fills its initial values, such as {@code PyTorchInit.LINEAR.initializer(fanIn)}
     * @return the parameter
     */
    protected final Parameter addParameter(String name, Shape shape, Initializer initializer) {
        return add(name, context.backend().parameter(shape, initializer, context.random()));
    }

    /**
     * Registers a trainable parameter whose initializer an option may name.
     *
     * @param name its name
     * @param shape its shape
     * @param option the option naming an initializer (such as {@code weight_init}), of type {@link OptionType#COMPONENT}
     * @param fallback the initializer when the option is absent, usually PyTorch's default
     * @return the parameter
     */
    protected final Parameter addParameter(String name, Shape shape, String option, Initializer fallback) {
        return addParameter(name, shape, context.initializer(options.getComponent(option), fallback));
    }

    /**
     * Registers a trainable parameter that starts with every element equal, such as a norm's
     * scale (ones) or LayerScale's small constant; unlike a {@link #addBuffer buffer}, optimizers update it.
     *
     * @param name its name
     * @param shape its shape
     * @param value the initial value of every element
     * @return the parameter
     */
    protected final Parameter addConstant(String name, Shape shape, float value) {
        return addParameter(name, shape, PyTorchInit.constant(value));
    }

    /**
     * Registers a non-trainable tensor saved with the model, such as a running mean.
     *
     * @param name its name
     * @param shape its shape
     * @param value the initial value of every element
     * @return the buffer
     */
    protected final Parameter addBuffer(String name, Shape shape, float value) {
        return add(name, context.backend().buffer(shape, value));
    }

    /**
     * Registers a layer inside this one: its parameters join this layer's as {@code name.<theirs>}.
     *
     * @param name its name, such as {@code attn} or {@code 0}
     * @param layer the inner layer
     * @param <L> its type
     * @return the inner layer
     */
    protected final <L extends Layer> L addLayer(String name, L layer) {
        checkName(name);
        layer.parameters().forEach((inner, p) -> add(name + "." + inner, p));
        return layer;
    }

    /**
     * For {@link #outputShape}: checks the input's last axis.
     *
     * @param inputShape the per-sample input shape
     * @param size the length the last axis must have
     * @return the input shape
     * @throws ShapeMismatchException naming the layer type, the expected axis and the shape
     */
    protected final Shape requireLastAxis(Shape inputShape, int size) {
        if (inputShape.rank() < 1 || inputShape.dim(-1) != size) {
            throw new ShapeMismatchException(type + ": expects an input whose last axis is " + size + ", got "
                    + inputShape);
        }
        return inputShape;
    }

    private Parameter add(String name, Parameter parameter) {
        if (!name.contains(".")) {
            checkName(name);
        }
        if (parameters.putIfAbsent(name, parameter) != null) {
            throw new IllegalStateException(type + ": the parameter '" + name + "' is registered twice");
        }
        return parameter;
    }

    private void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(type + ": '" + name + "' is not a parameter name; names are lower-case"
                    + " letters, digits and underscores, as PyTorch's");
        }
    }
}
