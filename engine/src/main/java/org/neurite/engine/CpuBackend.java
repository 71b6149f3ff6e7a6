package org.neurite.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.ArrayKernels;
import org.neurite.api.Backend;
import org.neurite.api.GradScope;
import org.neurite.api.Initializer;
import org.neurite.api.Mode;
import org.neurite.api.OpBackward;
import org.neurite.api.Parameter;
import org.neurite.api.RecurrentCell;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.autograd.GradMode;
import org.neurite.engine.kernel.CpuArrayKernels;
import org.neurite.engine.ops.AdaptivePooling;
import org.neurite.engine.ops.Arange;
import org.neurite.engine.ops.Attention;
import org.neurite.engine.ops.Conv1d;
import org.neurite.engine.ops.Conv2d;
import org.neurite.engine.ops.Conv2dReluPool;
import org.neurite.engine.ops.ConvTranspose2d;
import org.neurite.engine.ops.CustomOps;
import org.neurite.engine.ops.Dropout;
import org.neurite.engine.ops.Embedding;
import org.neurite.engine.ops.Joins;
import org.neurite.engine.ops.Matmul;
import org.neurite.engine.ops.MultiHeadAttention;
import org.neurite.engine.ops.Normalization;
import org.neurite.engine.ops.Pooling;
import org.neurite.engine.ops.RecurrentCells;
import org.neurite.engine.ops.RecurrentSequence;
import org.neurite.engine.ops.Selection;
import org.neurite.engine.ops.Softmax;
import org.neurite.engine.ops.Upsample;
import org.neurite.engine.tensor.CpuParameter;
import org.neurite.engine.tensor.CpuTensor;
import org.neurite.engine.tensor.MemoryBudget;

/** The CPU implementation of {@link Backend}: it creates {@link CpuTensor}s and dispatches to the ops. */
public final class CpuBackend implements Backend {

    private static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {
    }

    /** @return the one CPU backend */
    public static CpuBackend instance() {
        return INSTANCE;
    }

    private static CpuTensor of(Tensor t) {
        return t == null ? null : CpuTensor.of(t);
    }

    private static List<CpuTensor> all(List<? extends Tensor> tensors) {
        List<CpuTensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(CpuTensor.of(t));
        }
        return out;
    }

    @Override
    public Tensor tensor(float[] values, Shape shape) {
        return CpuTensor.wrap(values.clone(), shape);
    }

    @Override
    public Tensor scalar(float value) {
        return CpuTensor.wrap(new float[] {value}, Shape.scalar());
    }

    @Override
    public Tensor zeros(Shape shape) {
        return CpuTensor.wrap(new float[MemoryBudget.floats(shape, "tensor " + shape)], shape);
    }

    @Override
    public Tensor ones(Shape shape) {
        return full(shape, 1f);
    }

    @Override
    public Tensor full(Shape shape, float value) {
        float[] v = new float[MemoryBudget.floats(shape, "tensor " + shape)];
        java.util.Arrays.fill(v, value);
        return CpuTensor.wrap(v, shape);
    }

    @Override
    public Parameter parameter(Shape shape, Initializer initializer, RandomGenerator random) {
        float[] v = new float[MemoryBudget.floats(shape, "parameter " + shape)];
        initializer.initialize(v, shape, random);
        return new CpuParameter(CpuTensor.wrap(v, shape), true);
    }

    @Override
    public Parameter buffer(Shape shape, float value) {
        return new CpuParameter(CpuTensor.of(full(shape, value)), false);
    }

    @Override
    public GradScope noGrad() {
        return GradMode.disable();
    }

    @Override
    public boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    @Override
    public Tensor concat(List<? extends Tensor> tensors, int axis) {
        return Joins.concat(all(tensors), axis);
    }

    @Override
    public Tensor stack(List<? extends Tensor> tensors, int axis) {
        return Joins.stack(all(tensors), axis);
    }

    @Override
    public Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Selection.where(of(condition), of(a), of(b));
    }

    @Override
    public Tensor maskedFill(Tensor x, Tensor mask, float value) {
        return Selection.maskedFill(of(x), of(mask), value);
    }

    @Override
    public Tensor embedding(Tensor weight, Tensor indices) {
        return Embedding.lookup(of(weight), of(indices));
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return Softmax.softmax(of(x), axis);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return Softmax.logSoftmax(of(x), axis);
    }

    @Override
    public Tensor layerNorm(Tensor x, Shape normalizedShape, Tensor gamma, Tensor beta, float epsilon) {
        return Normalization.layerNorm(of(x), normalizedShape, of(gamma), of(beta), epsilon);
    }

    @Override
    public Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Parameter runningMean, Parameter runningVar,
                            float momentum, float epsilon, Mode mode) {
        return Normalization.batchNorm(of(x), of(gamma), of(beta), runningMean, runningVar, momentum, epsilon, mode);
    }

    @Override
    public Tensor dropout(Tensor x, float p, Mode mode, RandomGenerator random) {
        return Dropout.apply(of(x), p, mode, random);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding) {
        return Conv2d.forward(of(x), of(weight), of(bias), stride, padding);
    }

    @Override
    public Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        return Pooling.maxPool2d(of(x), kernel, stride, padding);
    }

    @Override
    public Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        return Pooling.avgPool2d(of(x), kernel, stride, padding);
    }

    // ---- convolution family ----

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                         int groups) {
        return Conv2d.forward(of(x), of(weight), of(bias), stride, padding, dilation, groups);
    }

    @Override
    public Tensor conv2dRelu(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                             int groups) {
        return Conv2d.forward(of(x), of(weight), of(bias), stride, padding, dilation, groups, true);
    }

    @Override
    public Tensor conv2dReluMaxPool2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                      int[] dilation, int groups) {
        return Conv2dReluPool.forward(of(x), of(weight), of(bias), stride, padding, dilation, groups);
    }

    @Override
    public Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int[] padding, int dilation, int groups) {
        return Conv1d.forward(of(x), of(weight), of(bias), stride, padding, dilation, groups);
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                  int[] outputPadding, int[] dilation, int groups) {
        return ConvTranspose2d.forward(of(x), of(weight), of(bias), stride, padding, outputPadding, dilation, groups);
    }

    @Override
    public Tensor upsampleNearest2d(Tensor x, int[] size) {
        return Upsample.nearest(of(x), size);
    }

    @Override
    public Tensor upsampleBilinear2d(Tensor x, int[] size, boolean alignCorners) {
        return Upsample.bilinear(of(x), size, alignCorners);
    }

    @Override
    public Tensor adaptiveAvgPool2d(Tensor x, int[] size) {
        return AdaptivePooling.average(of(x), size);
    }

    @Override
    public Tensor adaptiveMaxPool2d(Tensor x, int[] size) {
        return AdaptivePooling.max(of(x), size);
    }

    @Override
    public Tensor rnnCell(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, boolean useRelu) {
        return RecurrentCells.rnn(of(x), of(h), of(wIh), of(wHh), of(bIh), of(bHh), useRelu);
    }

    @Override
    public List<Tensor> lstmCell(Tensor x, Tensor h, Tensor c, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        return RecurrentCells.lstm(of(x), of(h), of(c), of(wIh), of(wHh), of(bIh), of(bHh));
    }

    @Override
    public Tensor gruCell(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        return RecurrentCells.gru(of(x), of(h), of(wIh), of(wHh), of(bIh), of(bHh));
    }

    @Override
    public Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        return Attention.scaledDotProduct(of(q), of(k), of(v), of(mask), causal);
    }

    // ---- generic ops and custom differentiable ops (api 0.2) ------------------------------

    @Override
    public Tensor arange(double start, double end, double step) {
        return Arange.arange(start, end, step);
    }

    @Override
    public Tensor custom(String name, float[] values, Shape shape, OpBackward backward, Tensor... inputs) {
        return CustomOps.record(name, values, shape, backward, inputs);
    }

    // ---- recurrent sequences -------------------------------------------------------------

    @Override
    public List<Tensor> recurrentSequence(RecurrentCell cell, Tensor input, List<Tensor> initialState,
                                          RecurrentCell.Weights weights, Tensor mask, boolean reverse) {
        List<CpuTensor> state = new ArrayList<>(initialState.size());
        for (Tensor t : initialState) {
            state.add(CpuTensor.of(t));
        }
        return RecurrentSequence.run(cell, of(input), state, of(weights.ih()), of(weights.hh()), of(weights.biasIh()),
                of(weights.biasHh()), of(mask), reverse);
    }

    @Override
    public Tensor multiHeadAttention(Tensor q, Tensor k, Tensor v, int heads, Tensor keyPaddingMask, boolean causal,
                                     float dropout, Mode mode, RandomGenerator random) {
        return MultiHeadAttention.apply(of(q), of(k), of(v), heads, of(keyPaddingMask), causal, dropout, mode, random);
    }

    @Override
    public Tensor multiHeadSelfAttention(Tensor qkv, int heads, Tensor keyPaddingMask, boolean causal, float dropout,
                                         Mode mode, RandomGenerator random) {
        return MultiHeadAttention.applySelf(of(qkv), heads, of(keyPaddingMask), causal, dropout, mode, random);
    }

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return Matmul.matmulTransposed(of(x), of(weight), of(bias));
    }

    @Override
    public ArrayKernels arrayKernels() {
        return CpuArrayKernels.instance();
    }
}
