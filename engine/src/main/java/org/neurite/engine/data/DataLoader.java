package org.neurite.engine.data;

import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.neurite.api.Backend;
import org.neurite.engine.data.augment.ImageAugmentation;

/**
 * Serves a {@link Dataset} as minibatches of tensors, epoch after epoch. With shuffling, every
 * epoch visits the samples in a fresh random order drawn from the loader's random source, so
 * the same seed gives the same sequence of epochs; without it, in the dataset's order. The last
 * batch of an epoch may be smaller than the others, or dropped.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.of(train, backend).batchSize(128).shuffle(seed).build();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (Batch batch : loader.nextEpoch()) { ... }
 * }
 * }</pre>
 *
 * <p>With an {@link ImageAugmentation}, the image inputs of every batch are changed on the fly with
 * random choices drawn from a stream of the augmentation's own seed: each epoch draws one seed
 * from it for its batches, so epoch {@code k} augments the same way whether or not the epochs
 * before it ran in this process.
 *
 * <p>A loader is used by one thread. Drawing an epoch only draws its order, so a resumed run
 * reaches the order of epoch {@code k} cheaply by calling {@link #nextEpoch()} {@code k} times
 * without iterating.
 */
public final class DataLoader implements Iterable<Batch> {

    private final Dataset data;
    private final Backend backend;
    private final int batchSize;
    private final boolean dropLast;
    private final RandomGenerator random;
    private final ImageAugmentation augmentation;
    private final RandomGenerator augmentationSeeds;

    private DataLoader(Builder b) {
        this.data = b.data;
        this.backend = b.backend;
        this.batchSize = b.batchSize;
        this.dropLast = b.dropLast;
        this.random = b.random;
        this.augmentation = b.augmentation;
        this.augmentationSeeds = b.augmentation == null ? null : new SplittableRandom(b.augmentationSeed);
    }

    /**
     * Starts configuring a loader: by default batches of 32, in order, keeping the last partial batch.
     *
     * @param data the samples
     * @param backend creates the batch tensors
     * @return the builder
     */
    public static Builder of(Dataset data, Backend backend) {
        return new Builder(data, backend);
    }

    /**
     * Draws the next epoch's order.
     *
     * @return the epoch's batches
     */
    public Batches nextEpoch() {
        int[] order = random == null ? Permutation.identity(data.size()) : Permutation.shuffled(data.size(), random);
        return augmentation == null ? new Batches(data, backend, order, batchSize, dropLast)
                : new Batches(data, backend, order, batchSize, dropLast, augmentation, augmentationSeeds.nextLong());
    }

    /** Iterates the batches of the next epoch, as {@code nextEpoch().iterator()}. */
    @Override
    public Iterator<Batch> iterator() {
        return nextEpoch().iterator();
    }

    /** @return the number of batches in every epoch */
    public int batchesPerEpoch() {
        return Batches.count(data.size(), batchSize, dropLast);
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the samples served */
    public Dataset dataset() {
        return data;
    }

    /** Configures a {@link DataLoader}. */
    public static final class Builder {
        private final Dataset data;
        private final Backend backend;
        private int batchSize = 32;
        private boolean dropLast;
        private RandomGenerator random;
        private ImageAugmentation augmentation;
        private long augmentationSeed;

        private Builder(Dataset data, Backend backend) {
            if (data == null || backend == null) {
                throw new IllegalArgumentException("data loader: needs a dataset and a backend");
            }
            this.data = data;
            this.backend = backend;
        }

        /**
         * @param size the number of samples per batch, at least 1
         * @return this builder
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("data loader: batch size must be at least 1, found " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Shuffles every epoch with orders drawn from {@code random}.
         *
         * @param random the source of the orders; the loader draws from it
         * @return this builder
         */
        public Builder shuffle(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /**
         * Shuffles every epoch with orders drawn from {@code new SplittableRandom(seed)}.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder shuffle(long seed) {
            return shuffle(new SplittableRandom(seed));
        }

        /**
         * @param drop whether an epoch's last batch is dropped when it has fewer than
         *     {@code batchSize} samples (it is kept by default)
         * @return this builder
         */
        public Builder dropLast(boolean drop) {
            this.dropLast = drop;
            return this;
        }

        /**
         * Augments the image inputs ({@code [channels, height, width]} per sample) of every batch.
         *
         * @param augmentation the random change of the images
         * @param seed the seed of the augmentation's random choices
         * @return this builder
         * @throws IllegalArgumentException if the dataset has an input that is not an image
         */
        public Builder augment(ImageAugmentation augmentation, long seed) {
            data.inputShapes().forEach((name, shape) -> {
                if (!ImageAugmentation.isImage(shape)) {
                    throw new IllegalArgumentException("data loader: augmentation needs images [channels, height, width],"
                            + " but input '" + name + "' has samples of shape " + shape);
                }
            });
            this.augmentation = augmentation;
            this.augmentationSeed = seed;
            return this;
        }

        /** @return the loader */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
