package org.neurite.engine.train;

import java.util.SplittableRandom;

import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batches;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.augment.ImageAugmentation;

/**
 * The batches of one epoch of a run, a function of the run's seed and the epoch: the data order
 * and the augmentation's random choices are drawn from streams derived from both, so a resumed
 * run sees the same batches as one that never stopped.
 */
final class EpochBatches {

    private EpochBatches() {
    }

    /**
     * @param train the training samples
     * @param size samples per batch
     * @param shuffle whether to visit the samples in the epoch's random order rather than the data's own
     * @param augmentation changes the training images, or {@code null} for none
     * @param seed the run's seed
     * @param epoch the epoch, from 1
     * @return the epoch's batches
     */
    static Batches of(Dataset train, int size, boolean shuffle, ImageAugmentation augmentation, long seed, int epoch) {
        DataLoader.Builder loader = DataLoader.of(train, CpuBackend.instance()).batchSize(size);
        if (shuffle) {
            loader.shuffle(epochSeed(seed, epoch));
        }
        if (augmentation != null) {
            // a stream apart from the shuffling's, so that augmenting leaves the order unchanged
            loader.augment(augmentation, new SplittableRandom(epochSeed(seed, epoch)).split().nextLong());
        }
        return loader.build().nextEpoch();
    }

    /**
     * @param seed a run's seed
     * @param epoch an epoch, from 1
     * @return the seed of that epoch's data order: the epoch-th draw of {@code new SplittableRandom(seed)}
     */
    static long epochSeed(long seed, int epoch) {
        SplittableRandom random = new SplittableRandom(seed);
        long s = 0;
        for (int e = 0; e < epoch; e++) {
            s = random.nextLong();
        }
        return s;
    }
}
