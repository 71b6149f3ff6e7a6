package org.neurite.engine.generate;

import java.util.random.RandomGenerator;

/**
 * How the next token is drawn from a model's scores: softmax of {@code logits / temperature},
 * kept to the {@code topK} most likely tokens when {@code topK > 0}, drawn from a source seeded
 * with {@code seed} (the same seed gives the same text).
 *
 * @param temperature above 0; below 1 sharpens the distribution, above 1 flattens it
 * @param topK how many of the most likely tokens may be drawn; 0 for all
 * @param seed the seed of the draws
 */
public record Sampling(double temperature, int topK, long seed) {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if the temperature is not above 0 or top-k is negative
     */
    public Sampling {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number above 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be 0 (all tokens) or more, got " + topK);
        }
    }

    /**
     * Draws one token. A loop of draws takes a {@link #sampler} instead, which keeps its buffers.
     *
     * @param logits the model's score of every token
     * @param random the source of the draw
     * @return the token id drawn
     */
    public int draw(float[] logits, RandomGenerator random) {
        return sampler(logits.length).draw(logits, random);
    }

    /**
     * @param vocabulary the number of scores of each draw
     * @return a sampler for draws of these settings, one after the other on one thread
     */
    public Sampler sampler(int vocabulary) {
        return new Sampler(this, vocabulary);
    }

    /**
     * Draws of one {@link Sampling} with buffers of their own, so that a draw allocates nothing.
     * Top-k finds its cutoff, the k-th highest score, by selection rather than by sorting the
     * scores; every token that scores at least the cutoff may be drawn (ties included).
     */
    public static final class Sampler {

        private final Sampling sampling;
        private final double[] p;
        private final float[] order;

        private Sampler(Sampling sampling, int vocabulary) {
            this.sampling = sampling;
            this.p = new double[vocabulary];
            this.order = new float[vocabulary];
        }

        /**
         * @param logits the model's score of every token, as many as the sampler was made for
         * @param random the source of the draw
         * @return the token id drawn
         * @throws IllegalArgumentException if the number of scores differs
         */
        public int draw(float[] logits, RandomGenerator random) {
            int n = logits.length;
            if (n != p.length) {
                throw new IllegalArgumentException("the sampler draws among " + p.length + " tokens, got " + n
                        + " scores");
            }
            double temperature = sampling.temperature();
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits) {
                max = Math.max(max, v / temperature);
            }
            int topK = sampling.topK();
            double cutoff = topK > 0 && topK < n ? highest(logits, topK) : Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                p[i] = logits[i] < cutoff ? 0 : Math.exp(logits[i] / temperature - max);
                sum += p[i];
            }
            double u = random.nextDouble() * sum;
            for (int i = 0; i < n; i++) {
                u -= p[i];
                if (u < 0) {
                    return i;
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (p[i] > 0) {
                    return i;
                }
            }
            return n - 1;
        }

        /** The k-th highest of the scores: quickselect on a copy, expected time linear in their number. */
        private float highest(float[] logits, int k) {
            System.arraycopy(logits, 0, order, 0, logits.length);
            int target = logits.length - k; // its index in ascending order
            int lo = 0;
            int hi = logits.length - 1;
            while (lo < hi) {
                float pivot = order[(lo + hi) >>> 1];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (order[i] < pivot) {
                        i++;
                    }
                    while (order[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        float t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                        i++;
                        j--;
                    }
                }
                if (target <= j) {
                    hi = j;
                } else if (target >= i) {
                    lo = i;
                } else {
                    return order[target];
                }
            }
            return order[target];
        }
    }
}
