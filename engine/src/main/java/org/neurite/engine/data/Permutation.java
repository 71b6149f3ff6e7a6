package org.neurite.engine.data;

import java.util.random.RandomGenerator;

/** Random orders of sample indices. */
final class Permutation {

    private Permutation() {
    }

    /**
     * Draws a uniformly random order of {@code 0 .. n-1} (Fisher–Yates), from the identity so
     * that the result depends only on the random numbers drawn.
     *
     * @param n the number of indices
     * @param random the source of randomness
     * @return the shuffled indices
     */
    static int[] shuffled(int n, RandomGenerator random) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** @return {@code 0 .. n-1} in order */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
