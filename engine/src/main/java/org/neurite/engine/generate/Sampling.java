package org.neurite.engine.generate;

import java.util.Arrays;
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
     * Draws one token.
     *
     * @param logits the model's score of every token
     * @param random the source of the draw
     * @return the token id drawn
     */
    public int draw(float[] logits, RandomGenerator random) {
        int n = logits.length;
        double[] p = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v / temperature);
        }
        double cutoff = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < n) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            cutoff = sorted[n - topK];
        }
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
}
