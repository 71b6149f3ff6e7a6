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
 * PyTorch's {@code nn.TransformerDecoderLayer} (batch first), with its parameter names
 * ({@code self_attn.*}, {@code multihead_attn.*}, {@code linear1}, {@code linear2},
 * {@code norm1}..{@code norm3}); its self attention is causal:
 * <pre>
 * post-norm: x = norm1(x + drop(self_attn(x))); x = norm2(x + drop(multihead_attn(x, memory))); x = norm3(x + drop(ff(x)))
 * pre-norm:  x = x + drop(self_attn(norm1(x))); x = x + drop(multihead_attn(norm2(x), memory)); x = x + drop(ff(norm3(x)))
 * </pre>
 *
 * <p>Shape: inputs the target sequence {@code [batch, time, width]}, the encoder's output
 * {@code [batch, source, width]} and optionally the source's padding mask {@code [batch, source]};
 * output {@code [batch, time, width]}.
 */
final class DecoderLayer extends CompositeLayer implements MultiInputLayer {

    static final String TYPE = "transformer_decoder_layer";

    private final AttentionInputs inputs;
    private final boolean normFirst;
    private final MultiHeadAttentionLayer selfAttn;
    private final MultiHeadAttentionLayer crossAttn;
    private final FeedForward ff;
    private final Layer norm1;
    private final Layer norm2;
    private final Layer norm3;

    DecoderLayer(Options options, AttentionInputs inputs, boolean normFirst, MultiHeadAttentionLayer selfAttn,
                 MultiHeadAttentionLayer crossAttn, FeedForward ff, List<Layer> norms) {
        super(TYPE, options);
        this.inputs = inputs;
        this.normFirst = normFirst;
        this.selfAttn = part("self_attn", selfAttn);
        this.crossAttn = part("multihead_attn", crossAttn);
        this.ff = ff;
        part("linear1", ff.linear1());
        part("linear2", ff.linear2());
        this.norm1 = part("norm1", norms.get(0));
        this.norm2 = part("norm2", norms.get(1));
        this.norm3 = part("norm3", norms.get(2));
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        AttentionInputs given = AttentionInputs.of(TYPE, inputShapes, true);
        if (given.sequence().dim(1) != inputs.sequence().dim(1) || given.count() != inputs.count()) {
            throw new ShapeMismatchException(TYPE + ": was built for width " + inputs.sequence().dim(1) + " ("
                    + inputs.count() + " inputs), got " + inputShapes);
        }
        return given.sequence();
    }

    @Override
    public Tensor forward(List<Tensor> in, Mode mode) {
        inputs.check(TYPE, in);
        Tensor x = in.get(0);
        Tensor memory = inputs.memoryOf(in);
        Tensor mask = inputs.maskOf(in);
        if (normFirst) {
            x = x.add(ff.drop(selfAttn.attend(norm1.forward(x, mode), null, null, mode), mode));
            x = x.add(ff.drop(crossAttn.attend(norm2.forward(x, mode), memory, mask, mode), mode));
            return x.add(ff.drop(ff.apply(norm3.forward(x, mode), mode), mode));
        }
        x = norm1.forward(x.add(ff.drop(selfAttn.attend(x, null, null, mode), mode)), mode);
        x = norm2.forward(x.add(ff.drop(crossAttn.attend(x, memory, mask, mode), mode)), mode);
        return norm3.forward(x.add(ff.drop(ff.apply(x, mode), mode)), mode);
    }
}
