package org.neurite.plugins.transformer;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Backend;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * Multi-head attention with PyTorch's {@code nn.MultiheadAttention} parameters: the query, key
 * and value projections packed in one {@code in_proj_weight [3 width, width]} (rows of q, then k,
 * then v) with {@code in_proj_bias [3 width]}, and {@code out_proj.weight [width, width]},
 * {@code out_proj.bias [width]}. The heads' attention runs in the backend's fused kernel.
 *
 * <p>Shape: inputs as {@link AttentionInputs} reads them: the sequence {@code [batch, time, width]},
 * for cross attention the memory {@code [batch, source, width]}, optionally the keys' padding
 * mask {@code [batch, keys]}; output {@code [batch, time, width]}.
 */
final class MultiHeadAttentionLayer extends CompositeLayer implements MultiInputLayer {

    static final String TYPE = "multi_head_attention";

    private final AttentionInputs inputs;
    private final int width;
    private final int heads;
    private final boolean causal;
    private final float dropout;
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
    private final Layer outProj;
    private final Backend backend;
    private final RandomGenerator random;

    /**
     * @param options the options it was created from
     * @param inputs the inputs it takes
     * @param heads heads; divides the width
     * @param causal whether a step may not attend to later ones
     * @param dropout drop probability of the attention weights in training
     * @param inProjWeight {@code [3 width, width]}
     * @param inProjBias {@code [3 width]}, or null
     * @param outProj the output projection, a dense layer {@code width -> width}
     * @param backend the backend of the fused attention
     * @param random the source of the dropout masks
     */
    MultiHeadAttentionLayer(Options options, AttentionInputs inputs, int heads, boolean causal, float dropout,
                            Parameter inProjWeight, Parameter inProjBias, Layer outProj, Backend backend,
                            RandomGenerator random) {
        super(TYPE, options);
        this.inputs = inputs;
        this.width = inputs.sequence().dim(1);
        this.heads = heads;
        this.causal = causal;
        this.dropout = dropout;
        this.inProjWeight = parameter("in_proj_weight", inProjWeight);
        this.inProjBias = inProjBias == null ? null : parameter("in_proj_bias", inProjBias);
        this.outProj = part("out_proj", outProj);
        this.backend = backend;
        this.random = random;
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        AttentionInputs given = AttentionInputs.of(TYPE, inputShapes, false);
        if (given.sequence().dim(1) != width || given.count() != inputs.count()) {
            throw new ShapeMismatchException(TYPE + ": was built for inputs of width " + width + " ("
                    + inputs.count() + " inputs), got " + inputShapes);
        }
        return given.sequence();
    }

    @Override
    public Tensor forward(List<Tensor> in, Mode mode) {
        inputs.check(TYPE, in);
        return attend(in.get(0), inputs.memoryOf(in), inputs.maskOf(in), mode);
    }

    /**
     * Attends, as the encoder and decoder layers call it.
     *
     * @param x the sequence {@code [batch, time, width]}
     * @param memory {@code [batch, source, width]} for cross attention, or null for self attention
     * @param keyPadding {@code [batch, keys]}, or null
     * @param mode training applies dropout
     * @return {@code [batch, time, width]}
     */
    Tensor attend(Tensor x, Tensor memory, Tensor keyPadding, Mode mode) {
        Tensor w = inProjWeight.value();
        Tensor b = inProjBias == null ? null : inProjBias.value();
        if (memory == null) {
            Tensor qkv = project(x, w, b); // [batch, time, 3 width], read in place by the fused op
            return outProj.forward(backend.multiHeadSelfAttention(qkv, heads, keyPadding, causal, dropout, mode,
                    random), mode);
        }
        Tensor q = project(x, w.slice(0, 0, width), b == null ? null : b.slice(0, 0, width));
        Tensor kv = project(memory, w.slice(0, width, 3 * width), b == null ? null : b.slice(0, width, 3 * width));
        Tensor k = kv.slice(2, 0, width);
        Tensor v = kv.slice(2, width, 2 * width);
        Tensor y = backend.multiHeadAttention(q, k, v, heads, keyPadding, causal, dropout, mode, random);
        return outProj.forward(y, mode);
    }

    /** {@code x w^T + b}, the projections of {@code nn.MultiheadAttention}, over all steps at once. */
    private static Tensor project(Tensor x, Tensor w, Tensor b) {
        return x.backend().linear(x, w, b);
    }
}
