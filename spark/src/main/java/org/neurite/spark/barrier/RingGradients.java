package org.neurite.spark.barrier;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.RandomStreams;
import org.neurite.engine.train.StepGradients;
import org.neurite.engine.train.TokenCounts;
import org.neurite.spark.averaging.ParameterVector;
import org.neurite.spark.ring.RingAllReduce;

/**
 * A step's gradients in barrier mode: every worker runs the same trainer over the same batches
 * (same data, same seed), computes the gradients of its own share of each batch (rows
 * {@code [r B / P, (r+1) B / P)} for worker {@code r} of {@code P}) and the ring sums them, so
 * every worker takes the same optimizer step and keeps the same weights and optimizer state.
 *
 * <p>Each share's gradient (of its mean loss) is weighted by its share of the batch's samples,
 * or of the counted steps for per-step targets, as the synchronous mode weights its micro-batches;
 * so with two workers the sum is the synchronous mode's sum of two micro-batches, bit for bit.
 * What travels in one sum: the weighted gradients, the share's rows of the output (for the
 * epoch's accuracy) and the weighted loss (as two floats, high and low part, to keep a double's
 * precision).
 */
public final class RingGradients implements StepGradients {

    private final Layer model;
    private final Loss loss;
    private final RingAllReduce ring;
    private final Map<String, Parameter> parameters;
    private final RandomStreams streams;
    private float[] vector = new float[0];
    private long ringNanos;
    private long steps;

    /**
     * @param model the worker's copy of the model
     * @param loss the loss
     * @param ring the workers' ring
     */
    public RingGradients(Layer model, Loss loss, RingAllReduce ring) {
        this.model = model;
        this.loss = loss;
        this.ring = ring;
        this.parameters = model.parameters();
        this.streams = model instanceof Model m ? m.randomStreams() : null;
    }

    @Override
    public Outcome compute(Batch batch, int[] samples, long seed, long step) {
        int rows = batch.size();
        int from = (int) ((long) ring.rank() * rows / ring.size());
        int to = (int) ((long) (ring.rank() + 1) * rows / ring.size());
        if (from == to) {
            throw new IllegalArgumentException("barrier mode: a batch of " + rows + " samples cannot be shared by "
                    + ring.size() + " workers; make the batch at least as large as the number of workers");
        }
        if (streams != null) {
            streams.position(seed, step);
        }
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        batch.inputs().forEach((name, t) -> inputs.put(name, t.slice(0, from, to)));
        Tensor targets = batch.targets().slice(0, from, to);
        Tensor prediction = Model.apply(model, inputs, Mode.TRAINING);
        Tensor shareLoss = loss.compute(prediction, targets);
        double value = shareLoss.item();
        shareLoss.backward();

        boolean perStep = TokenCounts.isPerStep(prediction.shape(), targets.shape());
        long weight = perStep ? counted(targets) : to - from;
        long total = perStep ? counted(batch.targets()) : rows;
        float w = total == 0 ? 0f : (float) ((double) weight / total);
        double weightedLoss = total == 0 ? 0 : value * weight / total;

        int gradients = ParameterVector.length(parameters);
        int rowSize = prediction.shape().intSize() / (to - from);
        int length = gradients + rows * rowSize + 2;
        if (vector.length != length) {
            vector = new float[length];
        } else {
            Arrays.fill(vector, gradients, length, 0f);
        }
        int at = 0;
        for (Parameter p : parameters.values()) {
            float[] g = p.gradient();
            int size = p.data().length;
            for (int i = 0; i < size; i++) {
                vector[at + i] = g == null ? 0f : w * g[i];
            }
            at += size;
        }
        System.arraycopy(prediction.toArray(), 0, vector, gradients + from * rowSize, (to - from) * rowSize);
        float high = (float) weightedLoss;
        vector[length - 2] = high;
        vector[length - 1] = (float) (weightedLoss - high);

        long start = System.nanoTime();
        ring.sum(vector);
        ringNanos += System.nanoTime() - start;
        steps++;

        at = 0;
        for (Parameter p : parameters.values()) {
            int size = p.data().length;
            if (p.gradient() != null) {
                float[] summed = new float[size];
                System.arraycopy(vector, at, summed, 0, size);
                p.setGradient(CpuBackend.instance().tensor(summed, p.shape()));
            }
            at += size;
        }
        int[] dims = prediction.shape().dims().clone();
        dims[0] = rows;
        float[] outputs = new float[rows * rowSize];
        System.arraycopy(vector, gradients, outputs, 0, outputs.length);
        double summedLoss = (double) vector[length - 2] + vector[length - 1];
        return new Outcome(summedLoss, CpuBackend.instance().tensor(outputs, Shape.of(dims)));
    }

    /** @return the time spent in the ring's sums so far, in nanoseconds */
    public long ringNanos() {
        return ringNanos;
    }

    /** @return the steps computed so far */
    public long steps() {
        return steps;
    }

    private static long counted(Tensor targets) {
        long n = 0;
        for (float t : targets.toArray()) {
            n += t == Loss.IGNORE_INDEX ? 0 : 1;
        }
        return n;
    }
}
