package org.neurite.engine.data;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import org.neurite.api.Backend;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.tensor.CpuTensor;

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
                Map<String, Tensor> inputs = new LinkedHashMap<>();
                data.inputRows().forEach((name, rows) -> inputs.put(name, rows(rows, from, b)));
                return new Batch(inputs, rows(data.targetRows(), from, b));
            }
        };
    }

    /** The rows of the samples {@code order[from .. from + b)} as a tensor {@code [b, ...shape]}. */
    private Tensor rows(Rows rows, int from, int b) {
        float[] values = new float[b * rows.length()];
        rows.copy(order, from, b, values);
        return tensor(values, rows.shape().prepend(b));
    }

    /**
     * A batch tensor over freshly copied rows: the engine's own tensor takes the array over, so
     * the rows are copied once; another backend makes its tensor from them as it does from any array.
     */
    private Tensor tensor(float[] rows, Shape shape) {
        return backend instanceof CpuBackend ? CpuTensor.wrap(rows, shape) : backend.tensor(rows, shape);
    }
}
