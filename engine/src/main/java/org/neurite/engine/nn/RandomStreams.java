package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random streams the layers of one model draw from while training (dropout masks, noise),
 * one stream per layer. A trainer {@linkplain #position positions} every stream before each
 * step from the run's seed and the step's number, so the numbers a step draws depend on where
 * the run stands and not on what was drawn before: a run resumed from a checkpoint draws
 * exactly what the uninterrupted run would have.
 *
 * <p>Until a trainer positions them, each stream starts from a seed drawn from the model's
 * initial random source, so a model used outside a trainer stays reproducible from its seed.
 * Streams are used by the training thread only.
 */
public final class RandomStreams {

    private final List<Stream> streams = new ArrayList<>();

    /**
     * @param seed where the new stream starts until it is first positioned
     * @return a stream of its own for one layer
     */
    public synchronized RandomGenerator newStream(long seed) {
        Stream s = new Stream(streams.size(), seed);
        streams.add(s);
        return s;
    }

    /** @return the number of streams handed out */
    public synchronized int size() {
        return streams.size();
    }

    /**
     * Moves every stream to the start of a step: stream {@code i} continues from a seed that
     * mixes the run's seed, the step and {@code i}.
     *
     * @param seed the run's seed
     * @param step the zero-based number of the coming step over the whole run
     */
    public synchronized void position(long seed, long step) {
        long base = new SplittableRandom(seed ^ 0x5DEECE66DL).split().nextLong() + step * 0x9E3779B97F4A7C15L;
        for (Stream s : streams) {
            s.random = new SplittableRandom(mix(base + s.index * 0xBF58476D1CE4E5B9L));
        }
    }

    /** The finalizer of SplitMix64: spreads nearby inputs over all bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One layer's stream; the random source behind it is replaced when the streams are positioned. */
    private static final class Stream implements RandomGenerator {
        private final int index;
        private SplittableRandom random;

        Stream(int index, long seed) {
            this.index = index;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public long nextLong() {
            return random.nextLong();
        }

        @Override
        public int nextInt() {
            return random.nextInt();
        }

        @Override
        public double nextDouble() {
            return random.nextDouble();
        }

        @Override
        public float nextFloat() {
            return random.nextFloat();
        }
    }
}
