package org.neurite.engine.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Activation;
import org.neurite.api.BaseLayer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * Applies a registered activation function as a layer of its own. In a config the function's
 * own options sit beside its name: {@code {type: activation, function: leaky_relu, slope: 0.1}}.
 */
public final class ActivationLayer extends BaseLayer {

    /** The type name configs use. */
    public static final String TYPE = "activation";

    private static final String FUNCTION = "function";

    private final Activation activation;

    /**
     * @param activation the function; the saved architecture records its name only
     */
    public ActivationLayer(Activation activation) {
        this(LayerOptions.of(FUNCTION, activation.name()), activation);
    }

    private ActivationLayer(Options options, Activation activation) {
        super(TYPE, options, null);
        this.activation = activation;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        return activation.apply(input);
    }

    /** Creates activation layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Applies an activation function; any key besides 'function' is an option of that function.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.required(FUNCTION, OptionType.STRING,
                    "Name of the activation, such as relu; its own options (such as slope) sit beside this key."),
                    OptionSpec.otherKeys("The activation's own options, such as slope for leaky_relu."));
        }

        /**
         * {@inheritDoc} Keys other than {@code function} are passed on to the activation, which
         * rejects those it does not know, at their path in this layer.
         */
        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            String function = options.getString(FUNCTION);
            Map<String, Object> own = new LinkedHashMap<>(options.asMap());
            own.remove(FUNCTION);
            Activation activation = context.activation(function, Options.of(options.path(), own));
            return new ActivationLayer(options, activation);
        }
    }
}
