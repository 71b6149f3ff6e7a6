package org.neurite.engine.data.source;

import java.util.SplittableRandom;

import org.neurite.api.DataSource;
import org.neurite.api.SampleSet;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.data.TruthTables;

/**
 * A generated set: a logic gate's truth table, two spirals, Gaussian blobs, or token sequences
 * whose label is the majority under their mask.
 *
 * @param name {@code xor}, {@code and}, {@code or}, {@code nand}, {@code not}, {@code spirals},
 *     {@code blobs} or {@code masked_majority}
 * @param samples the number of samples (all but the truth tables)
 * @param noise the standard deviation of the spirals' noise, or of the blobs around their centres
 * @param classes the number of blobs
 * @param dims the number of features of the blobs, or the steps of each masked_majority sequence
 * @param seed the seed of the random draws
 */
record SyntheticSource(String name, int samples, double noise, int classes, int dims, long seed) implements DataSource {

    @Override
    public SampleSet read() {
        SplittableRandom random = new SplittableRandom(seed);
        return DatasetSamples.of("synthetic " + name, switch (name) {
            case "spirals" -> SyntheticData.spirals(samples, noise, random);
            case "blobs" -> SyntheticData.blobs(samples, classes, dims, noise, random);
            case "masked_majority" -> SyntheticData.maskedMajority(samples, dims, random);
            default -> TruthTables.of(name);
        });
    }
}
