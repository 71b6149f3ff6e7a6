package org.neurite.plugins.cnn;

import java.util.Arrays;

import org.neurite.api.Activation;
import org.neurite.api.BaseLayer;
import org.neurite.api.Initializer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * A convolution layer, PyTorch's {@code nn.Conv1d}, {@code nn.Conv2d} or {@code nn.ConvTranspose2d}
 * plus an optional activation: {@code y = activation(conv(x, weight) + bias)}.
 *
 * <p>Shape: input {@code [in, length]} (conv1d) or {@code [in, height, width]}; output
 * {@code [filters, ...]} with each spatial size
 * {@code (size + before + after - dilation * (kernel - 1) - 1) / stride + 1} for a convolution and
 * {@code (size - 1) * stride - before - after + dilation * (kernel - 1) + output_padding + 1} for a
 * transposed one. Parameters as PyTorch names and lays them out: {@code weight}
 * {@code [filters, in / groups, k...]} ({@code [in, filters / groups, kh, kw]} when transposed) and
 * {@code bias} {@code [filters]}.
 */
final class ConvLayer extends BaseLayer {

    /** The three convolutions: their type names, spatial axes and how they map shapes and tensors. */
    enum Kind {
        CONV1D("conv1d", 1), CONV2D("conv2d", 2), CONV_TRANSPOSE2D("conv_transpose2d", 2);

        final String type;
        final int axes;

        Kind(String type, int axes) {
            this.type = type;
            this.axes = axes;
        }

        boolean transposed() {
            return this == CONV_TRANSPOSE2D;
        }
    }

    /**
     * The geometry of one layer.
     *
     * @param kernel per axis
     * @param stride per axis
     * @param padding {@code {before, after}} per axis, flattened
     * @param dilation per axis
     * @param outputPadding per axis (transposed only; zeros otherwise)
     * @param groups channel groups
     */
    record Geometry(int[] kernel, int[] stride, int[] padding, int[] dilation, int[] outputPadding, int groups) {
    }

    private final Kind kind;
    private final int inChannels;
    private final int filters;
    private final Geometry geo;
    private final Parameter weight;
    private final Parameter bias;
    private final Activation activation;

    /**
     * Creates the weight ({@code weightShape}, in PyTorch's layout for the kind), then the bias
     * {@code [filters]} unless {@code biasInit} is {@code null}, from the context's random source.
     */
    ConvLayer(Kind kind, Options options, LayerContext context, int inChannels, int filters, Geometry geo,
              Shape weightShape, Initializer weightInit, Initializer biasInit, Activation activation) {
        super(kind.type, options, context);
        this.kind = kind;
        this.inChannels = inChannels;
        this.filters = filters;
        this.geo = geo;
        this.weight = addParameter("weight", weightShape, weightInit);
        this.bias = biasInit == null ? null : addParameter("bias", Shape.of(filters), biasInit);
        this.activation = activation;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return outputShape(kind, inChannels, filters, geo, inputShape);
    }

    /**
     * Checks an input shape and computes the output shape, without a layer, as the provider does
     * before it creates the parameters.
     */
    static Shape outputShape(Kind kind, int inChannels, int filters, Geometry geo, Shape input) {
        String layout = kind.axes == 1 ? "[channels, length]" : "[channels, height, width]";
        if (input.rank() != kind.axes + 1) {
            throw new ShapeMismatchException("expects per-sample inputs " + layout);
        }
        if (input.dim(0) != inChannels) {
            throw new ShapeMismatchException("expects " + inChannels + " input channels, got " + input.dim(0));
        }
        int[] out = new int[kind.axes + 1];
        out[0] = filters;
        for (int a = 0; a < kind.axes; a++) {
            int size = input.dim(a + 1);
            int before = geo.padding()[2 * a];
            int after = geo.padding()[2 * a + 1];
            int span = geo.dilation()[a] * (geo.kernel()[a] - 1) + 1;
            if (kind.transposed()) {
                out[a + 1] = (size - 1) * geo.stride()[a] - before - after + span + geo.outputPadding()[a];
                if (out[a + 1] < 1) {
                    throw new ShapeMismatchException("gives an empty output with"
                            + " kernel " + Arrays.toString(geo.kernel()) + " and padding "
                            + Arrays.toString(geo.padding()));
                }
            } else {
                if (span > size + before + after) {
                    throw new ShapeMismatchException("kernel " + Arrays.toString(geo.kernel())
                            + (span == geo.kernel()[a] ? "" : " with dilation " + Arrays.toString(geo.dilation()))
                            + " is larger than the input padded by " + Arrays.toString(geo.padding()));
                }
                out[a + 1] = (size + before + after - span) / geo.stride()[a] + 1;
            }
        }
        return Shape.of(out);
    }

    /**
     * {@inheritDoc} A 2-D convolution with ReLU followed by 2x2 max pooling of stride 2 runs as
     * {@link org.neurite.api.Backend#conv2dReluMaxPool2d}.
     */
    @Override
    public Tensor forwardFused(Tensor input, Layer next, Mode mode) {
        if (kind != Kind.CONV2D || activation == null || !activation.name().equals("relu")
                || !(next instanceof PoolLayer pool) || !pool.isMaxPool2x2()) {
            return null;
        }
        Tensor b = bias == null ? null : bias.value();
        return input.backend().conv2dReluMaxPool2d(input, weight.value(), b, geo.stride(), geo.padding(),
                geo.dilation(), geo.groups());
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        Tensor b = bias == null ? null : bias.value();
        Tensor w = weight.value();
        int[] pad = geo.padding();
        if (kind == Kind.CONV2D && activation != null && activation.name().equals("relu")) {
            // one op, where the backend fuses them: no second tensor of the output's size
            return input.backend().conv2dRelu(input, w, b, geo.stride(), pad, geo.dilation(), geo.groups());
        }
        Tensor y = switch (kind) {
            case CONV1D -> input.backend().conv1d(input, w, b, geo.stride()[0], pad, geo.dilation()[0], geo.groups());
            case CONV2D -> input.backend().conv2d(input, w, b, geo.stride(), pad, geo.dilation(), geo.groups());
            case CONV_TRANSPOSE2D -> input.backend().convTranspose2d(input, w, b, geo.stride(),
                    new int[] {pad[0], pad[2]}, geo.outputPadding(), geo.dilation(), geo.groups());
        };
        return activation == null ? y : activation.apply(y);
    }
}
