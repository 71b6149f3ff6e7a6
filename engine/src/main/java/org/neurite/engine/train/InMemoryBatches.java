package org.neurite.engine.train;

import java.util.random.RandomGenerator;

import org.neurite.api.Backend;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/** Cuts samples held in memory (inputs and targets, batch axis first) into batches in a given order. */
final class InMemoryBatches {

    /** One batch: inputs and targets with the batch axis first. */
    record Batch(Tensor inputs, Tensor targets) {
        int size() {
            return inputs.dim(0);
        }
    }

    private final Backend backend;
    private final float[] inputs;
    private final float[] targets;
    private final Shape inputSample;
    private final Shape targetSample;
    private final int size;

    InMemoryBatches(String what, Tensor inputs, Tensor targets) {
        if (inputs.rank() == 0 || targets.rank() == 0 || inputs.dim(0) != targets.dim(0)) {
            throw new ShapeMismatchException(what + ": inputs " + inputs.shape() + " and targets " + targets.shape()
                    + " must both have the samples on their first axis, equally many");
        }
        this.backend = inputs.backend();
        this.inputs = inputs.toArray();
        this.targets = targets.toArray();
        this.inputSample = inputs.shape().dropFirst();
        this.targetSample = targets.shape().dropFirst();
        this.size = inputs.dim(0);
    }

    /** @return the backend that made the data, which makes the batches */
    Backend backend() {
        return backend;
    }

    /** @return the number of samples */
    int size() {
        return size;
    }

    /** @return the sample indices in their stored order */
    int[] order() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * @param random the source of the permutation
     * @return the sample indices in a random order (Fisher-Yates)
     */
    int[] shuffledOrder(RandomGenerator random) {
        int[] order = order();
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * @param order sample indices
     * @param from the first position in {@code order}
     * @param to one past the last position
     * @return the samples {@code order[from..to)} as one batch
     */
    Batch batch(int[] order, int from, int to) {
        return new Batch(gather(inputs, inputSample, order, from, to), gather(targets, targetSample, order, from, to));
    }

    private Tensor gather(float[] all, Shape sample, int[] order, int from, int to) {
        int stride = sample.intSize();
        float[] out = new float[(to - from) * stride];
        for (int i = from; i < to; i++) {
            System.arraycopy(all, order[i] * stride, out, (i - from) * stride, stride);
        }
        return backend.tensor(out, sample.prepend(to - from));
    }
}
