package org.neurite.engine.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

import org.neurite.api.Backend;
import org.neurite.api.Shape;

/**
 * The minibatches of one epoch, in an order fixed when the epoch was drawn. Each iteration
 * makes the batches lazily, one at a time; iterating again gives the same batches.
 */
public final class Batches implements Iterable<Batch> {

    private final Dataset data;
    private final Backend backend;
    private final int[] order;
    private final int batchSize;
    private final int count;

    Batches(Dataset data, Backend backend, int[] order, int batchSize, boolean dropLast) {
        this.data = data;
        this.backend = backend;
        this.order = order;
        this.batchSize = batchSize;
        this.count = count(order.length, batchSize, dropLast);
    }

    /** @return how many batches {@code n} samples make */
    static int count(int n, int batchSize, boolean dropLast) {
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** @return the number of batches in this epoch */
    public int count() {
        return count;
    }

    /** @return the order in which this epoch visits the samples (a copy) */
    public int[] order() {
        return order.clone();
    }

    @Override
    public Iterator<Batch> iterator() {
        return new Iterator<>() {
            // Reused between batches: the backend copies it into each new tensor.
            private final float[] featureRows = new float[batchSize * data.featureShape().intSize()];
            private final float[] targetRows = new float[batchSize * data.targetShape().intSize()];
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the epoch has " + count + " batches");
                }
                int from = next * batchSize;
                int b = Math.min(batchSize, order.length - from);
                next++;
                float[] f = b == batchSize ? featureRows : new float[b * data.featureShape().intSize()];
                float[] t = b == batchSize ? targetRows : new float[b * data.targetShape().intSize()];
                data.copyFeatures(order, from, b, f);
                data.copyTargets(order, from, b, t);
                Shape featureShape = data.featureShape().prepend(b);
                Shape targetShape = data.targetShape().prepend(b);
                return new Batch(backend.tensor(f, featureShape), backend.tensor(t, targetShape));
            }
        };
    }
}
