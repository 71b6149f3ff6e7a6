package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * PyTorch's {@code nn.TransformerEncoderLayer} (batch first), with its parameter names
 * ({@code self_attn.*}, {@code linear1}, {@code linear2}, {@code norm1}, {@code norm2}):
 * <pre>
 * post-norm: x = norm1(x + drop(self_attn(x)));  x = norm2(x + drop(ff(x)))
 * pre-norm:  x = x + drop(self_attn(norm1(x)));  x = x + drop(ff(norm2(x)))
 * </pre>
 *
 * <p>Shape: input {@code [batch, time, width]} and optionally its padding mask
 * {@code [batch, time]} (1 = real step, 0 = padding); output {@code [batch, time, width]}.
 */
final class EncoderLayer extends CompositeLayer implements MultiInputLayer {

    static final String TYPE = "transformer_encoder_layer";

    private final AttentionInputs inputs;
    private final boolean normFirst;
    private final MultiHeadAttentionLayer selfAttn;
    private final FeedForward ff;
    private final Layer norm1;
    private final Layer norm2;

    EncoderLayer(Options options, AttentionInputs inputs, boolean normFirst, MultiHeadAttentionLayer selfAttn,
                 FeedForward ff, Layer norm1, Layer norm2) {
        super(TYPE, options);
        this.inputs = inputs;
        this.normFirst = normFirst;
        this.selfAttn = part("self_attn", selfAttn);
        this.ff = ff;
        part("linear1", ff.linear1());
        part("linear2", ff.linear2());
        this.norm1 = part("norm1", norm1);
        this.norm2 = part("norm2", norm2);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        AttentionInputs given = AttentionInputs.of(TYPE, inputShapes, false);
        if (!given.equals(inputs)) {
            throw new ShapeMismatchException(TYPE + ": was built for " + inputs.sequence() + " ("
                    + inputs.count() + " inputs), got " + inputShapes);
        }
        return given.sequence();
    }

    @Override
    public Tensor forward(List<Tensor> in, Mode mode) {
        inputs.check(TYPE, in);
        Tensor x = in.get(0);
        Tensor mask = inputs.maskOf(in);
        if (normFirst) {
            x = x.add(ff.drop(selfAttn.attend(norm1.forward(x, mode), null, mask, mode), mode));
            return x.add(ff.drop(ff.apply(norm2.forward(x, mode), mode), mode));
        }
        x = norm1.forward(x.add(ff.drop(selfAttn.attend(x, null, mask, mode), mode)), mode);
        return norm2.forward(x.add(ff.drop(ff.apply(x, mode), mode)), mode);
    }
}
