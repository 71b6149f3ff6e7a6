package org.neurite.engine.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.neurite.api.Activation;
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
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.activation.FunctionActivation;
import org.neurite.engine.autograd.GradMode;
import org.neurite.engine.init.UniformInitializer;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.kernel.PackedWeights;
import org.neurite.engine.ops.Activations;
import org.neurite.engine.ops.Matmul;
import org.neurite.engine.options.OptionReader;
import org.neurite.engine.registry.ComponentRef;
import org.neurite.engine.tensor.CpuTensor;

/**
 * A fully connected layer, PyTorch's {@code nn.Linear} plus an optional activation:
 * {@code y = activation(x Wᵀ + b)} over the last axis of an input of any rank. The weight is
 * {@code [units, in]}; by default weight and bias are drawn from U(±1/sqrt(in)), as PyTorch does.
 */
public final class DenseLayer implements Layer {

    /** The type name configs use. */
    public static final String TYPE = "dense";

    private final Options options;
    private final int inFeatures;
    private final int units;
    private final Parameter weight;
    private final Parameter bias;
    private final Activation activation;

    /**
     * Creates a layer with a bias, no activation and PyTorch's default initial values.
     *
     * @param inFeatures the length of the input's last axis
     * @param units the number of outputs
     * @param random the source of the initial values
     */
    public DenseLayer(int inFeatures, int units, RandomGenerator random) {
        this(inFeatures, units, true, null, random);
    }

    /**
     * Creates a layer with PyTorch's default initial values.
     *
     * @param inFeatures the length of the input's last axis
     * @param units the number of outputs
     * @param useBias whether to add a bias
     * @param activation applied to the output, or {@code null} for none
     * @param random the source of the initial values
     */
    public DenseLayer(int inFeatures, int units, boolean useBias, Activation activation, RandomGenerator random) {
        this(javaOptions(units, useBias, activation), CpuBackend.instance(), inFeatures, units, useBias, activation,
                null, null, random);
    }

    private DenseLayer(Options options, Backend backend, int inFeatures, int units, boolean useBias,
                       Activation activation, Initializer weightInit, Initializer biasInit, RandomGenerator random) {
        if (inFeatures < 1 || units < 1) {
            throw new IllegalArgumentException("dense: inFeatures and units must be positive, got " + inFeatures
                    + " and " + units);
        }
        this.options = options;
        this.inFeatures = inFeatures;
        this.units = units;
        this.activation = activation;
        // The uniform initializer's fan-in form, fixed to the weight's fan-in so the bias shares it.
        Initializer fanIn = UniformInitializer.fanInScaled(inFeatures);
        this.weight = backend.parameter(Shape.of(units, inFeatures), weightInit == null ? fanIn : weightInit, random);
        this.bias = useBias ? backend.parameter(Shape.of(units), biasInit == null ? fanIn : biasInit, random) : null;
    }

    private static Options javaOptions(int units, boolean useBias, Activation activation) {
        return activation == null ? LayerOptions.of("units", units, "use_bias", useBias)
                : LayerOptions.of("units", units, "use_bias", useBias, "activation", activation.name());
    }

    /** @return the weight, {@code [units, in]} */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias, {@code [units]}, or {@code null} if the layer has none */
    public Parameter bias() {
        return bias;
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
        if (inputShape.rank() < 1 || inputShape.dim(-1) != inFeatures) {
            throw new InputShapeException(TYPE, "an input whose last axis is " + inFeatures, inputShape);
        }
        int[] dims = inputShape.dims();
        dims[dims.length - 1] = units;
        return Shape.of(dims);
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", weight);
        if (bias != null) {
            p.put("bias", bias);
        }
        return p;
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        Shape shape = input.shape();
        if (shape.rank() < 1 || shape.dim(-1) != inFeatures) {
            throw new ShapeMismatchException("dense: expects inputs whose last axis is " + inFeatures + ", got " + shape);
        }
        CpuTensor w = CpuTensor.of(weight.value());
        CpuTensor b = bias == null ? null : CpuTensor.of(bias.value());
        Gemm.PackedB packed = mode == Mode.INFERENCE && !GradMode.isEnabled()
                ? PackedWeights.transposed(w.data(), units, inFeatures, shape.intSize() / inFeatures) : null;
        if (packed != null && (activation == null || isRelu(activation))) {
            // inference with the weight packed: bias and ReLU are done by the GEMM as it stores C
            return Matmul.matmulPacked(CpuTensor.of(input), packed, b, activation != null);
        }
        CpuTensor z = packed == null ? Matmul.matmulTransposed(CpuTensor.of(input), w, b)
                : Matmul.matmulPacked(CpuTensor.of(input), packed, b);
        if (activation == null) {
            return z;
        }
        if (!z.requiresGrad() && isRelu(activation)) {
            // inference: z is this call's own and records nothing, so relu may overwrite it
            return Activations.reluInPlace(z);
        }
        return activation.apply(z);
    }

    private static boolean isRelu(Activation activation) {
        return activation instanceof FunctionActivation f && "relu".equals(f.name());
    }

    /** Creates dense layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Fully connected layer over the last axis: activation(x W^T + b), weight [units, in] as in PyTorch.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.required("units", OptionType.INTEGER, "Number of outputs, at least 1."),
                    OptionSpec.optional("use_bias", OptionType.BOOLEAN, true, "Whether to add a bias vector."),
                    OptionSpec.optional("activation", OptionType.COMPONENT, null,
                            "Activation applied to the output: a name such as relu, or {name: ..., <its options>};"
                                    + " none if absent."),
                    OptionSpec.optional("weight_init", OptionType.COMPONENT, null,
                            "Initializer of the weight: a name or {name: ..., <its options>};"
                                    + " default U(-1/sqrt(in), 1/sqrt(in)) as PyTorch's nn.Linear."),
                    OptionSpec.optional("bias_init", OptionType.COMPONENT, null,
                            "Initializer of the bias: a name or {name: ..., <its options>};"
                                    + " default U(-1/sqrt(in), 1/sqrt(in)) as PyTorch's nn.Linear."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            OptionReader in = OptionReader.of(options, options());
            int units = in.positiveInt("units");
            boolean useBias = in.flag("use_bias");
            Activation activation = ComponentRef.activation(options, "activation", context);
            Initializer weightInit = ComponentRef.initializer(options, "weight_init", context, null);
            Initializer biasInit = ComponentRef.initializer(options, "bias_init", context, null);
            if (inputShape.rank() < 1 || inputShape.dim(-1) < 1) {
                throw new InputShapeException(TYPE, "an input with a non-empty last axis of features", inputShape);
            }
            return new DenseLayer(options, context.backend(), inputShape.dim(-1), units, useBias, activation,
                    weightInit, biasInit, context.random());
        }
    }
}
