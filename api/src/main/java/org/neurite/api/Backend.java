package org.neurite.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Creates tensors and offers the neural-network operations that are not natural tensor
 * methods. The engine implements it; layers, activations and losses reach it through
 * {@link Tensor#backend()} or {@link LayerContext#backend()}.
 *
 * <p>Image tensors are laid out as PyTorch lays them out: {@code [batch, channels, height, width]}.
 * Every operation here is differentiable unless its documentation says otherwise.
 */
public interface Backend {

    // ---- creation ----------------------------------------------------------------------

    /**
     * Creates a tensor holding a copy of the given values.
     *
     * @param values the elements in row-major order
     * @param shape the shape; its size must equal {@code values.length}
     * @return the new tensor, not requiring a gradient
     */
    Tensor tensor(float[] values, Shape shape);

    /** @return a scalar tensor */
    Tensor scalar(float value);

    /** @return a tensor of zeros */
    Tensor zeros(Shape shape);

    /** @return a tensor of ones */
    Tensor ones(Shape shape);

    /** @return a tensor with every element equal to {@code value} */
    Tensor full(Shape shape, float value);

    /**
     * Creates a trainable parameter, filled by the initializer.
     *
     * @param shape the shape of the parameter
     * @param initializer fills the initial values
     * @param random the random source the initializer draws from
     * @return the parameter; its {@link Parameter#value()} requires a gradient
     */
    Parameter parameter(Shape shape, Initializer initializer, RandomGenerator random);

    /**
     * Creates a non-trainable state tensor that is saved with the model (such as batch
     * norm's running mean), filled with {@code value}.
     *
     * @param shape the shape of the buffer
     * @param value the initial value of every element
     * @return the buffer; {@link Parameter#trainable()} is false
     */
    Parameter buffer(Shape shape, float value);

    /**
     * Switches gradient recording off on this thread until the returned scope is closed, as
     * for inference: {@code try (var scope = backend.noGrad()) { ... }}. Scopes nest.
     *
     * @return the scope to close
     */
    GradScope noGrad();

    /** @return whether operations on this thread are recorded for backpropagation */
    boolean isGradEnabled();

    // ---- joining and selecting ---------------------------------------------------------

    /**
     * Joins tensors along an existing axis; all other axes must match.
     *
     * @param tensors at least one tensor
     * @param axis the axis to join along
     * @return the joined tensor
     */
    Tensor concat(List<? extends Tensor> tensors, int axis);

    /**
     * Stacks tensors of one shape along a new axis.
     *
     * @param tensors at least one tensor, all of one shape
     * @param axis the position of the new axis in the result
     * @return the stacked tensor
     */
    Tensor stack(List<? extends Tensor> tensors, int axis);

    /**
     * Chooses elementwise: {@code a} where {@code condition} is non-zero, else {@code b}; all
     * three broadcast. Gradients flow to {@code a} and {@code b}, never to the condition.
     *
     * @param condition the mask
     * @param a the values where the mask is non-zero
     * @param b the values where the mask is zero
     * @return the chosen values
     */
    Tensor where(Tensor condition, Tensor a, Tensor b);

    /**
     * Replaces the elements where {@code mask} is non-zero with {@code value}; the mask
     * broadcasts to {@code x}. No gradient flows to the replaced elements.
     *
     * @param x the input
     * @param mask the positions to replace
     * @param value the replacement, for example {@code -inf} to mask attention scores
     * @return the filled tensor
     */
    Tensor maskedFill(Tensor x, Tensor mask, float value);

    /**
     * Looks up rows of an embedding table.
     *
     * @param weight the table, {@code [vocabulary, dim]}
     * @param indices integral indices stored as floats, of any shape
     * @return {@code indices.shape + [dim]}; gradients flow into the looked-up rows of the table
     * @throws IllegalArgumentException if an index is outside the table, naming the index
     */
    Tensor embedding(Tensor weight, Tensor indices);

    // ---- normalisation and probabilities -----------------------------------------------

    /**
     * Softmax along one axis, computed stably (subtracting the maximum), so logits of
     * {@code ±1000} give exact probabilities rather than NaN.
     *
     * @param x the logits
     * @param axis the axis whose entries sum to 1
     * @return the probabilities
     */
    Tensor softmax(Tensor x, int axis);

    /**
     * Log of the softmax along one axis, computed stably as {@code x - max - log(sum(exp(x - max)))}.
     *
     * @param x the logits
     * @param axis the normalised axis
     * @return the log-probabilities
     */
    Tensor logSoftmax(Tensor x, int axis);

    /**
     * Layer normalisation over the trailing axes that {@code gamma}'s shape covers.
     *
     * @param x the input, whose trailing axes equal {@code gamma}'s shape
     * @param gamma the scale; {@code null} for none
     * @param beta the shift, of {@code gamma}'s shape; {@code null} for none
     * @param normalizedShape the trailing axes normalised over
     * @param epsilon added to the variance
     * @return the normalised tensor
     */
    Tensor layerNorm(Tensor x, Shape normalizedShape, Tensor gamma, Tensor beta, float epsilon);

    /**
     * Batch normalisation over axis 1 (features of {@code [batch, features]} or channels of
     * {@code [batch, channels, ...]}). In {@link Mode#TRAINING} it normalises with the batch
     * statistics and updates the running ones in place
     * ({@code running = (1 - momentum) * running + momentum * batch}, unbiased variance);
     * in {@link Mode#INFERENCE} it uses the running ones.
     *
     * @param x the input
     * @param gamma the scale per channel
     * @param beta the shift per channel
     * @param runningMean running mean per channel, updated in training
     * @param runningVar running variance per channel, updated in training
     * @param momentum the weight of the batch statistics in the running update
     * @param epsilon added to the variance
     * @param mode training or inference
     * @return the normalised tensor
     */
    Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Parameter runningMean, Parameter runningVar,
                     float momentum, float epsilon, Mode mode);

    /**
     * Inverted dropout: in training, zeroes each element with probability {@code p} and scales
     * the rest by {@code 1 / (1 - p)}; in inference, returns {@code x} unchanged.
     *
     * @param x the input
     * @param p the drop probability, in {@code [0, 1)}
     * @param mode training or inference
     * @param random the random source of the mask
     * @return the result
     */
    Tensor dropout(Tensor x, float p, Mode mode, RandomGenerator random);

    // ---- convolution and pooling -------------------------------------------------------

    /**
     * 2-D convolution (cross-correlation, as PyTorch's {@code conv2d}).
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [outChannels, inChannels, kh, kw]}
     * @param bias the bias, {@code [outChannels]}; {@code null} for none
     * @param stride the stride {@code {sh, sw}}
     * @param padding the zero padding {@code {ph, pw}} on each side
     * @return {@code [batch, outChannels, (h + 2ph - kh) / sh + 1, (w + 2pw - kw) / sw + 1]}
     */
    Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding);

    /**
     * 2-D max pooling; padded positions never win.
     *
     * @param x the input, {@code [batch, channels, height, width]}
     * @param kernel the window {@code {kh, kw}}
     * @param stride the stride {@code {sh, sw}}
     * @param padding the padding {@code {ph, pw}}
     * @return the pooled tensor
     */
    Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding);

    /**
     * 2-D average pooling; padded positions count as zeros (PyTorch's default).
     *
     * @param x the input, {@code [batch, channels, height, width]}
     * @param kernel the window {@code {kh, kw}}
     * @param stride the stride {@code {sh, sw}}
     * @param padding the padding {@code {ph, pw}}
     * @return the pooled tensor
     */
    Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding);

    // ---- convolution family: dilation, groups, 1-D, transposed, resizing, adaptive pooling --------

    /**
     * 2-D convolution (cross-correlation, as PyTorch's {@code conv2d}) with padding on each side,
     * dilation and groups. With {@code groups == inChannels} it is a depthwise convolution.
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [outChannels, inChannels / groups, kh, kw]}
     * @param bias the bias, {@code [outChannels]}; {@code null} for none
     * @param stride the stride {@code {sh, sw}}, positive
     * @param padding the zero padding {@code {ph, pw}} on both sides, or {@code {top, bottom, left, right}}
     * @param dilation the spacing of the kernel's taps {@code {dh, dw}}, positive ({@code {1, 1}} for none)
     * @param groups the number of channel groups, dividing both channel counts; group {@code g} convolves
     *     input channels {@code [g * in/groups, (g + 1) * in/groups)} into its share of the output channels
     * @return {@code [batch, outChannels, outH, outW]} with
     *     {@code outH = (height + top + bottom - dh * (kh - 1) - 1) / sh + 1} and likewise {@code outW}
     * @throws ShapeMismatchException if the shapes do not fit together, or the dilated kernel is larger than
     *     the padded input
     */
    Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups);

    /**
     * 1-D convolution (PyTorch's {@code conv1d}) over the last axis.
     *
     * @param x the input, {@code [batch, inChannels, length]}
     * @param weight the kernels, {@code [outChannels, inChannels / groups, k]}
     * @param bias the bias, {@code [outChannels]}; {@code null} for none
     * @param stride the stride, positive
     * @param padding the zero padding {@code {p}} at both ends, or {@code {left, right}}
     * @param dilation the spacing of the kernel's taps, positive
     * @param groups the number of channel groups, dividing both channel counts
     * @return {@code [batch, outChannels, (length + left + right - dilation * (k - 1) - 1) / stride + 1]}
     * @throws ShapeMismatchException if the shapes do not fit together
     */
    Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int[] padding, int dilation, int groups);

    /**
     * 2-D transposed convolution (PyTorch's {@code conv_transpose2d}), the adjoint of {@link #conv2d}
     * with the same kernel, stride, padding, dilation and groups: it maps a convolution's output shape
     * back to its input shape, as upsampling layers of decoders do.
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [inChannels, outChannels / groups, kh, kw]} (PyTorch's layout)
     * @param bias the bias, {@code [outChannels]}; {@code null} for none
     * @param stride the stride {@code {sh, sw}}, positive
     * @param padding {@code {ph, pw}}, removed from both sides of the full output
     * @param outputPadding {@code {oph, opw}} added at the bottom and right, each smaller than the
     *     stride or the dilation of its axis ({@code {0, 0}} for none)
     * @param dilation the spacing of the kernel's taps {@code {dh, dw}}, positive
     * @param groups the number of channel groups, dividing both channel counts
     * @return {@code [batch, outChannels, outH, outW]} with
     *     {@code outH = (height - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1} and likewise {@code outW}
     * @throws ShapeMismatchException if the shapes do not fit together
     */
    Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                           int[] dilation, int groups);

    /**
     * Nearest-neighbour resizing of images (PyTorch's {@code interpolate(mode='nearest', size=...)}):
     * output pixel {@code (oy, ox)} copies input pixel {@code (floor(oy * h / outH), floor(ox * w / outW))}.
     *
     * @param x the input, {@code [batch, channels, height, width]}
     * @param size the output size {@code {outH, outW}}, positive
     * @return {@code [batch, channels, outH, outW]}
     */
    Tensor upsampleNearest2d(Tensor x, int[] size);

    /**
     * Bilinear resizing of images (PyTorch's {@code interpolate(mode='bilinear', size=...)}).
     *
     * @param x the input, {@code [batch, channels, height, width]}
     * @param size the output size {@code {outH, outW}}, positive
     * @param alignCorners whether the corner pixels of input and output coincide; PyTorch's default is
     *     {@code false} (pixel centres are aligned instead)
     * @return {@code [batch, channels, outH, outW]}
     */
    Tensor upsampleBilinear2d(Tensor x, int[] size, boolean alignCorners);

    /**
     * Adaptive average pooling (PyTorch's {@code adaptive_avg_pool2d}): output pixel {@code (oy, ox)}
     * is the mean of input rows {@code [floor(oy * h / outH), ceil((oy + 1) * h / outH))} and the
     * columns likewise. {@code size = {1, 1}} is global average pooling.
     *
     * @param x the input, {@code [batch, channels, height, width]}
     * @param size the output size {@code {outH, outW}}, positive
     * @return {@code [batch, channels, outH, outW]}
     */
    Tensor adaptiveAvgPool2d(Tensor x, int[] size);

    /**
     * Adaptive max pooling (PyTorch's {@code adaptive_max_pool2d}), over the windows of
     * {@link #adaptiveAvgPool2d}; the gradient goes to the first maximum of each window.
     * {@code size = {1, 1}} is global max pooling.
     *
     * @param x the input, {@code [batch, channels, height, width]}
     * @param size the output size {@code {outH, outW}}, positive
     * @return {@code [batch, channels, outH, outW]}
     */
    Tensor adaptiveMaxPool2d(Tensor x, int[] size);

    // ---- fused operations for architecture plugins -------------------------------------

    /**
     * One step of an Elman RNN cell: {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)}.
     *
     * @param x the input at this step, {@code [batch, inputSize]}
     * @param h the previous hidden state, {@code [batch, hidden]}
     * @param wIh {@code [hidden, inputSize]}
     * @param wHh {@code [hidden, hidden]}
     * @param bIh {@code [hidden]}, or {@code null}
     * @param bHh {@code [hidden]}, or {@code null}
     * @param useRelu ReLU instead of the default tanh
     * @return the new hidden state
     */
    Tensor rnnCell(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, boolean useRelu);

    /**
     * One step of an LSTM cell with PyTorch's gate order {@code i, f, g, o}.
     *
     * @param x the input at this step, {@code [batch, inputSize]}
     * @param h the previous hidden state, {@code [batch, hidden]}
     * @param c the previous cell state, {@code [batch, hidden]}
     * @param wIh {@code [4 * hidden, inputSize]}
     * @param wHh {@code [4 * hidden, hidden]}
     * @param bIh {@code [4 * hidden]}, or {@code null}
     * @param bHh {@code [4 * hidden]}, or {@code null}
     * @return the new hidden and cell state, in that order
     */
    List<Tensor> lstmCell(Tensor x, Tensor h, Tensor c, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh);

    /**
     * One step of a GRU cell with PyTorch's gate order {@code r, z, n}.
     *
     * @param x the input at this step, {@code [batch, inputSize]}
     * @param h the previous hidden state, {@code [batch, hidden]}
     * @param wIh {@code [3 * hidden, inputSize]}
     * @param wHh {@code [3 * hidden, hidden]}
     * @param bIh {@code [3 * hidden]}, or {@code null}
     * @param bHh {@code [3 * hidden]}, or {@code null}
     * @return the new hidden state
     */
    Tensor gruCell(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh);

    /**
     * Scaled dot-product attention: {@code softmax(q k^T / sqrt(d) + mask) v}.
     *
     * @param q queries, {@code [..., lq, d]}
     * @param k keys, {@code [..., lk, d]}
     * @param v values, {@code [..., lk, dv]}
     * @param mask positions that must not be attended to (non-zero = masked), broadcast to
     *     {@code [..., lq, lk]}; {@code null} for none
     * @param causal whether position {@code i} may attend only to positions {@code <= i}
     * @return {@code [..., lq, dv]}
     */
    Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal);

    // ---- generic ops and custom differentiable ops (api 0.2) ---------------------------

    /**
     * The values {@code start, start + step, ...} below {@code end} (above it for a negative
     * step), as {@code torch.arange}: {@code ceil((end - start) / step)} elements, element
     * {@code i} being {@code start + i * step} computed in double precision. Not differentiable.
     *
     * @param start the first value
     * @param end the bound, not included
     * @param step the distance between values; not 0
     * @return a tensor of one axis (empty when {@code end} lies before {@code start} in the step's direction)
     * @throws IllegalArgumentException if the step is 0 or a value is not finite
     */
    Tensor arange(double start, double end, double step);

    /** @return {@code 0, 1, ..., n - 1}, as {@link #arange(double, double, double) arange(0, n, 1)} */
    default Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /**
     * Records a custom differentiable op whose forward the caller has computed on float arrays:
     * the result takes part in backpropagation like a built-in op's, and {@code backward} sends
     * its gradient on to the inputs. See {@link OpBackward} for an example.
     *
     * @param name the op's name, for error messages
     * @param values the result, row-major; taken over, so the caller must not change it afterwards
     * @param shape the result's shape; its size must equal {@code values.length}
     * @param backward adds the inputs' gradients from the result's
     * @param inputs the tensors the result was computed from (none may be {@code null})
     * @return the result; it requires a gradient when gradients are recorded and an input requires one
     * @throws ShapeMismatchException if the values do not fill the shape, naming the op
     */
    Tensor custom(String name, float[] values, Shape shape, OpBackward backward, Tensor... inputs);

    /**
     * Records a custom differentiable op whose forward the caller has computed with tensor ops:
     * the graph that computed {@code value} is cut off, and {@code backward} alone says how the
     * gradient reaches the inputs (as for a fused op, or a straight-through estimator). Compute
     * {@code value} inside {@link #noGrad()} to save recording a graph that is thrown away.
     *
     * @param name the op's name, for error messages
     * @param value the result
     * @param backward adds the inputs' gradients from the result's
     * @param inputs the tensors the result was computed from (none may be {@code null})
     * @return a tensor with {@code value}'s values in the graph as this op
     */
    default Tensor custom(String name, Tensor value, OpBackward backward, Tensor... inputs) {
        return custom(name, value.toArray(), value.shape(), backward, inputs);
    }

    // ---- recurrent sequences -------------------------------------------------------------

    /**
     * Runs one direction of one recurrent layer over a whole sequence. Where {@code mask} is 0 a
     * step is padding: the state passes through it unchanged and its output is 0 (as PyTorch's
     * packed sequences give), so a right-padded sequence run in reverse starts at its last real step.
     *
     * <p>This default composes the per-step cell ops; a backend may run the whole sequence in
     * one fused op with the same results (the engine does).
     *
     * @param cell the cell type
     * @param input the sequence, {@code [batch, time, inputSize]}
     * @param initialState the state before the first step, each {@code [batch, hidden]}
     * @param weights the cell's parameters
     * @param mask {@code [batch, time]}, 1 at real steps and 0 at padding; {@code null} for none
     * @param reverse whether to run from the last step to the first
     * @return the outputs {@code [batch, time, hidden]} (at their own steps, also when reversed),
     *     then the final state ({@code h}, and {@code c} for the LSTM), each {@code [batch, hidden]}
     */
    default List<Tensor> recurrentSequence(RecurrentCell cell, Tensor input, List<Tensor> initialState,
                                           RecurrentCell.Weights weights, Tensor mask, boolean reverse) {
        int batch = input.dim(0);
        int time = input.dim(1);
        int features = input.dim(2);
        List<Tensor> state = initialState;
        Tensor[] outputs = new Tensor[time];
        for (int s = 0; s < time; s++) {
            int t = reverse ? time - 1 - s : s;
            Tensor x = input.slice(1, t, t + 1).reshape(batch, features);
            List<Tensor> next = cell.step(this, x, state, weights);
            if (mask == null) {
                state = next;
                outputs[t] = next.get(0);
            } else {
                Tensor real = mask.slice(1, t, t + 1);
                List<Tensor> kept = new ArrayList<>(next.size());
                for (int i = 0; i < next.size(); i++) {
                    kept.add(where(real, next.get(i), state.get(i)));
                }
                state = kept;
                outputs[t] = kept.get(0).mul(real);
            }
        }
        List<Tensor> result = new ArrayList<>(1 + state.size());
        result.add(stack(Arrays.asList(outputs), 1));
        result.addAll(state);
        return result;
    }

    // ---- attention (transformer plugin) -----------------------------------------------

    /**
     * Multi-head scaled dot-product attention, fused: for each sample and head,
     * {@code dropout(softmax(q k^T / sqrt(d) + masks)) v}, without the caller splitting or
     * transposing the heads. Head {@code h} reads columns {@code [h d, (h + 1) d)} of q and k and
     * {@code [h dv, (h + 1) dv)} of v, as PyTorch's {@code nn.MultiheadAttention} splits them after
     * its projections.
     *
     * <p>Shape: q {@code [batch, lq, heads * d]}, k {@code [batch, lk, heads * d]}, v
     * {@code [batch, lk, heads * dv]}, key padding mask {@code [batch, lk]}; result
     * {@code [batch, lq, heads * dv]}.
     *
     * <p>With {@code causal}, query {@code i} sees key {@code j} only when
     * {@code j <= i + lk - lq}: the queries are the last {@code lq} positions of the keys' sequence,
     * which is the usual triangle when {@code lq == lk} and lets the newest query of a key-value
     * cache see every cached key. A query that sees no key at all (every key padding) gives zeros,
     * where PyTorch gives NaN.
     *
     * @param q queries
     * @param k keys
     * @param v values
     * @param heads the number of heads; divides the widths of q, k and v
     * @param keyPaddingMask {@code 1} at real keys, {@code 0} at padding; {@code null} for none
     * @param causal whether a query may not see later keys
     * @param dropout the drop probability of the attention weights in training, in {@code [0, 1)}
     * @param mode dropout acts only in {@link Mode#TRAINING}
     * @param random the source of the dropout mask (one draw per call); unused without dropout
     * @return the attended values, heads side by side
     * @throws ShapeMismatchException if the shapes do not fit together, naming them
     */
    Tensor multiHeadAttention(Tensor q, Tensor k, Tensor v, int heads, Tensor keyPaddingMask, boolean causal,
                              float dropout, Mode mode, RandomGenerator random);

    /**
     * Multi-head self-attention straight out of one projection's output: {@code qkv} holds the
     * queries, keys and values side by side, as {@code nn.MultiheadAttention}'s {@code in_proj_weight}
     * makes them, and the result is {@link #multiHeadAttention} of its three thirds. The default
     * slices them apart; a backend overrides it to read them in place and to write their
     * gradients into one array.
     *
     * <p>Shape: qkv {@code [batch, time, 3 * heads * d]} (queries in columns {@code [0, heads d)},
     * keys in {@code [heads d, 2 heads d)}, values in {@code [2 heads d, 3 heads d)}), key padding
     * mask {@code [batch, time]}; result {@code [batch, time, heads * d]}.
     *
     * @param qkv queries, keys and values side by side
     * @param heads the number of heads; divides a third of qkv's width
     * @param keyPaddingMask {@code 1} at real keys, {@code 0} at padding; {@code null} for none
     * @param causal whether a query may not see later keys
     * @param dropout the drop probability of the attention weights in training, in {@code [0, 1)}
     * @param mode dropout acts only in {@link Mode#TRAINING}
     * @param random the source of the dropout mask (one draw per call); unused without dropout
     * @return the attended values, heads side by side
     * @throws ShapeMismatchException if the shapes do not fit together, naming them
     */
    default Tensor multiHeadSelfAttention(Tensor qkv, int heads, Tensor keyPaddingMask, boolean causal,
                                          float dropout, Mode mode, RandomGenerator random) {
        Shape s = qkv.shape();
        if (s.rank() != 3 || s.dim(2) % 3 != 0) {
            throw new ShapeMismatchException("multiHeadSelfAttention: qkv " + s
                    + " must be [batch, time, 3 * heads * d]");
        }
        int width = s.dim(2) / 3;
        return multiHeadAttention(qkv.slice(2, 0, width), qkv.slice(2, width, 2 * width),
                qkv.slice(2, 2 * width, 3 * width), heads, keyPaddingMask, causal, dropout, mode, random);
    }

    /**
     * The affine map of a linear layer with a PyTorch-layout weight, as {@code torch.nn.functional.linear}:
     * {@code x Wᵀ + b}, computed without copying the transpose of W. The default composes it from
     * {@link Tensor#matmul} and {@link Tensor#transpose}; a backend overrides it with one product.
     *
     * <p>Shape: {@code x} {@code [..., in]}, {@code weight} {@code [out, in]}, {@code bias}
     * {@code [out]} or {@code null}; the result {@code [..., out]}.
     *
     * @param x the input
     * @param weight the weight, one row per output
     * @param bias added to every output row, or {@code null}
     * @return the outputs
     * @throws ShapeMismatchException if the widths do not fit, naming the shapes
     */
    default Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Tensor y = x.matmul(weight.transpose(0, 1));
        return bias == null ? y : y.add(bias);
    }

    /**
     * A convolution followed by ReLU, {@code max(0, conv2d(x, weight, bias, ...))}: a convolution layer
     * with {@code activation: relu}. The default composes
     * {@link #conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)} and {@link Tensor#relu()}; a
     * backend may fuse them (the ReLU applied to the convolution's output in place, its gradient
     * masked in place), which saves a tensor of the output's size and a pass over it.
     *
     * <p>Shape: as {@link #conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)}.
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [outChannels, inChannels / groups, kh, kw]}
     * @param bias the bias, {@code [outChannels]}; {@code null} for none
     * @param stride the stride {@code {sh, sw}}, positive
     * @param padding the zero padding {@code {ph, pw}} on both sides, or {@code {top, bottom, left, right}}
     * @param dilation the spacing of the kernel's taps {@code {dh, dw}}, positive
     * @param groups the number of channel groups, dividing both channel counts
     * @return {@code [batch, outChannels, outH, outW]}, no value below 0
     * @throws ShapeMismatchException if the shapes do not fit together
     */
    default Tensor conv2dRelu(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                              int groups) {
        return conv2d(x, weight, bias, stride, padding, dilation, groups).relu();
    }

    /**
     * A convolution with ReLU followed by max pooling over 2x2 windows of stride 2 without
     * padding, {@code maxPool2d(conv2dRelu(x, weight, bias, ...), {2, 2}, {2, 2}, {0, 0})}: a
     * convolution layer with {@code activation: relu} directly followed by such a pooling layer
     * (see {@link Layer#forwardFused}). The default composes
     * {@link #conv2dRelu(Tensor, Tensor, Tensor, int[], int[], int[], int)} and
     * {@link #maxPool2d(Tensor, int[], int[], int[])}; a backend may fuse them so that the
     * convolution's output and its gradient never reach memory, with the same values and
     * gradients.
     *
     * <p>Shape: {@code [batch, outChannels, outH / 2, outW / 2]} with the convolution's
     * {@code outH, outW} (rounded down).
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [outChannels, inChannels / groups, kh, kw]}
     * @param bias the bias, {@code [outChannels]}; {@code null} for none
     * @param stride the convolution's stride {@code {sh, sw}}, positive
     * @param padding the convolution's zero padding {@code {ph, pw}} on both sides, or {@code {top, bottom, left, right}}
     * @param dilation the spacing of the kernel's taps {@code {dh, dw}}, positive
     * @param groups the number of channel groups, dividing both channel counts
     * @return the pooled maps, no value below 0
     * @throws ShapeMismatchException if the shapes do not fit together
     */
    default Tensor conv2dReluMaxPool2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                       int[] dilation, int groups) {
        return maxPool2d(conv2dRelu(x, weight, bias, stride, padding, dilation, groups), new int[] {2, 2},
                new int[] {2, 2}, new int[] {0, 0});
    }

    /**
     * The arithmetic of one position at a time on plain arrays, for layers that continue
     * sequences with buffers of their own (a decoder's generation step): no tensors, no
     * backpropagation, on this backend's fastest kernels (see {@link ArrayKernels}).
     *
     * @return the array kernels of this backend
     */
    ArrayKernels arrayKernels();
}
