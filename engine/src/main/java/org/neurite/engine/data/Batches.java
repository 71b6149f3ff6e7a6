package org.neurite.engine.data;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import org.neurite.api.Backend;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The minibatches of one epoch, in an order fixed when the epoch was drawn. Each iteration
 * makes the batches lazily, one at a time; iterating again gives the same batches (augmented
 * ones too: each iteration restarts the augmentation's random stream from the epoch's seed).
 * Sequences padded per batch ({@link Dataset#paddedPerBatch}) are cut to the longest sequence of
 * each batch.
 */
public final class Batches implements Iterable<Batch> {

    private final Dataset data;
    private final Backend backend;
    private final int[] order;
    private final int batchSize;
    private final int count;
    private final ImageAugmentation augmentation;
    private final long augmentationSeed;

    Batches(Dataset data, Backend backend, int[] order, int batchSize, boolean dropLast) {
        this(data, backend, order, batchSize, dropLast, null, 0);
    }

    Batches(Dataset data, Backend backend, int[] order, int batchSize, boolean dropLast,
            ImageAugmentation augmentation, long augmentationSeed) {
        this.data = data;
        this.backend = backend;
        this.order = order;
        this.batchSize = batchSize;
        this.count = count(order.length, batchSize, dropLast);
        this.augmentation = augmentation;
        this.augmentationSeed = augmentationSeed;
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
            private final SplittableRandom random = augmentation == null ? null : new SplittableRandom(augmentationSeed);

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
                int padded = data.paddedSteps();
                int steps = padded == 0 ? 0 : longest(data.lengthRows(), from, b);
                Map<String, Tensor> inputs = new LinkedHashMap<>();
                data.inputRows().forEach((name, rows) -> inputs.put(name, rows(rows, from, b, padded, steps, random)));
                return new Batch(inputs, rows(data.targetRows(), from, b, padded, steps, null));
            }
        };
    }

    /**
     * The rows of the samples {@code order[from .. from + b)} as a tensor {@code [b, ...shape]},
     * augmented with {@code random} unless it is null; rows along the padded time axis
     * ({@code padded} long) cut to their first {@code steps} steps.
     */
    private Tensor rows(Rows rows, int from, int b, int padded, int steps, SplittableRandom random) {
        Shape shape = rows.shape();
        if (padded == 0 || shape.rank() == 0 || shape.dim(0) != padded || steps == padded) {
            float[] values = new float[b * rows.length()];
            rows.copy(order, from, b, values);
            if (random != null) {
                augmentation.apply(values, b, shape, random);
            }
            return tensor(values, shape.prepend(b));
        }
        // sequences are not images: nothing padded per batch is augmented
        int kept = steps * (rows.length() / padded);
        float[] values = new float[b * kept];
        for (int k = 0; k < b; k++) {
            rows.copyStart(order[from + k], kept, values, k * kept);
        }
        int[] dims = shape.dims();
        dims[0] = steps;
        return tensor(values, Shape.of(dims).prepend(b));
    }

    /** The largest number of real steps among the batch's samples. */
    private int longest(Rows lengths, int from, int b) {
        float[] n = lengths.values();
        int longest = 1;
        for (int k = 0; k < b; k++) {
            longest = Math.max(longest, (int) n[order[from + k]]);
        }
        return longest;
    }

    /**
     * A batch tensor over freshly copied rows: the engine's own tensor takes the array over, so
     * the rows are copied once; another backend makes its tensor from them as it does from any array.
     */
    private Tensor tensor(float[] rows, Shape shape) {
        return backend instanceof CpuBackend ? CpuTensor.wrap(rows, shape) : backend.tensor(rows, shape);
    }
}
