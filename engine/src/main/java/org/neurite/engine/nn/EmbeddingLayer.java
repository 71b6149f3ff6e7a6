package org.neurite.engine.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.neurite.api.Backend;
import org.neurite.api.Initializer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.init.NormalInitializer;
import org.neurite.engine.options.OptionReader;
import org.neurite.engine.registry.ComponentRef;

/**
 * Looks up a learned vector for each integral index: an input of per-sample shape {@code [...]}
 * (indices stored as floats) becomes {@code [..., dim]}. The table is {@code weight}, {@code [vocabulary, dim]},
 * drawn from N(0, 1) by default as PyTorch's {@code nn.Embedding} does.
 */
public final class EmbeddingLayer implements Layer {

    /** The type name configs use. */
    public static final String TYPE = "embedding";

    /** N(0, 1), as PyTorch's {@code nn.Embedding}. */
    private static final Initializer DEFAULT_INIT = new NormalInitializer(0, 1);

    private final Options options;
    private final Parameter weight;

    /**
     * @param vocabulary the number of rows (valid indices are {@code 0 .. vocabulary - 1})
     * @param dim the length of each vector
     * @param random the source of the initial values, N(0, 1)
     */
    public EmbeddingLayer(int vocabulary, int dim, RandomGenerator random) {
        this(LayerOptions.of("vocabulary", vocabulary, "dim", dim), CpuBackend.instance(), vocabulary, dim,
                DEFAULT_INIT, random);
    }

    private EmbeddingLayer(Options options, Backend backend, int vocabulary, int dim, Initializer init,
                           RandomGenerator random) {
        if (vocabulary < 1 || dim < 1) {
            throw new IllegalArgumentException("embedding: vocabulary and dim must be positive, got " + vocabulary
                    + " and " + dim);
        }
        this.options = options;
        this.weight = backend.parameter(Shape.of(vocabulary, dim), init, random);
    }

    /** @return the table, {@code [vocabulary, dim]} */
    public Parameter weight() {
        return weight;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        int[] in = inputShape.dims();
        int[] out = Arrays.copyOf(in, in.length + 1);
        out[in.length] = weight.shape().dim(1);
        return Shape.of(out);
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", weight);
        return p;
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        return input.backend().embedding(weight.value(), input);
    }

    /** Creates embedding layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Looks up a learned vector for each integral index: [...] becomes [..., dim];"
                    + " table weight [vocabulary, dim].";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.required("vocabulary", OptionType.INTEGER, "Number of rows; indices run from 0 to vocabulary - 1."),
                    OptionSpec.required("dim", OptionType.INTEGER, "Length of each vector."),
                    OptionSpec.optional("weight_init", OptionType.COMPONENT, null,
                            "Initializer of the table: a name or {name: ..., <its options>}; default N(0, 1)"
                                    + " as PyTorch's nn.Embedding."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            OptionReader in = OptionReader.of(options, options());
            int vocabulary = in.positiveInt("vocabulary");
            int dim = in.positiveInt("dim");
            Initializer init = ComponentRef.initializer(options, "weight_init", context, DEFAULT_INIT);
            return new EmbeddingLayer(options, context.backend(), vocabulary, dim, init, context.random());
        }
    }
}
