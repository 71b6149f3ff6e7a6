package org.neurite.engine.data;

import java.util.random.RandomGenerator;

import org.neurite.api.Shape;

/**
 * Small generated datasets for examples and tests, each drawn from the random source passed
 * in, so the same seed gives the same data.
 */
public final class SyntheticData {

    private SyntheticData() {
    }

    /**
     * The four points of XOR: {@code (0,0)->0, (0,1)->1, (1,0)->1, (1,1)->0}, as two classes.
     *
     * @return the dataset, features {@code [2]}
     */
    public static Dataset xor() {
        return Dataset.ofClasses(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, Shape.of(2), new float[] {0, 1, 1, 0}, 2);
    }

    /**
     * Two interleaved spirals, one per class, each turning 1.75 times around the origin; points
     * lie within about the unit disc. Samples alternate between the classes.
     *
     * @param n the number of samples
     * @param noise the standard deviation of Gaussian noise added to each coordinate
     * @param random the random source
     * @return the dataset, features {@code [2]}, classes 0 and 1
     */
    public static Dataset spirals(int n, double noise, RandomGenerator random) {
        checkCount(n);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        double turns = 1.75;
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            // Radius grows with the angle; 0.05 keeps the centre free of points of both classes.
            double t = 0.05 + 0.95 * random.nextDouble();
            double angle = t * turns * 2 * Math.PI + c * Math.PI;
            x[2 * i] = (float) (t * Math.cos(angle) + noise * random.nextGaussian());
            x[2 * i + 1] = (float) (t * Math.sin(angle) + noise * random.nextGaussian());
            y[i] = c;
        }
        return Dataset.ofClasses(x, Shape.of(2), y, 2);
    }

    /**
     * Gaussian blobs, one per class, that a linear classifier separates exactly: the centres
     * lie on a circle of radius 4 in the first two dimensions, and every point stays within
     * 0.45 times the distance between neighbouring centres of its own centre (larger draws are
     * redrawn), so each point is nearest to its own centre. Samples cycle through the classes.
     *
     * @param n the number of samples
     * @param classes the number of classes, at least 2
     * @param dims the number of features, at least 2
     * @param spread the standard deviation of each coordinate around the centre
     * @param random the random source
     * @return the dataset, features {@code [dims]}
     */
    public static Dataset blobs(int n, int classes, int dims, double spread, RandomGenerator random) {
        checkCount(n);
        if (classes < 2 || dims < 2 || !(spread >= 0)) {
            throw new IllegalArgumentException("blobs: need at least 2 classes and 2 dimensions and a spread >= 0,"
                    + " found " + classes + " classes, " + dims + " dimensions, spread " + spread);
        }
        double radius = 4;
        double limit = 0.45 * 2 * radius * Math.sin(Math.PI / classes);
        float[] x = new float[n * dims];
        float[] y = new float[n];
        double[] offset = new double[dims];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            double angle = 2 * Math.PI * c / classes;
            double norm;
            do {
                norm = 0;
                for (int d = 0; d < dims; d++) {
                    offset[d] = spread * random.nextGaussian();
                    norm += offset[d] * offset[d];
                }
            } while (Math.sqrt(norm) > limit);
            for (int d = 0; d < dims; d++) {
                double centre = d == 0 ? radius * Math.cos(angle) : d == 1 ? radius * Math.sin(angle) : 0;
                x[i * dims + d] = (float) (centre + offset[d]);
            }
            y[i] = c;
        }
        return Dataset.ofClasses(x, Shape.of(dims), y, classes);
    }

    /**
     * Samples of a known logistic-regression model: features drawn from a standard normal
     * distribution, label 1 with probability {@code sigmoid(w . x + bias)}, else 0. A model fit
     * to enough samples recovers {@code weights} and {@code bias}.
     *
     * @param n the number of samples
     * @param weights the true weights, one per feature
     * @param bias the true bias
     * @param random the random source
     * @return the dataset, features {@code [weights.length]}, classes 0 and 1
     */
    public static Dataset logistic(int n, float[] weights, float bias, RandomGenerator random) {
        checkCount(n);
        int dims = weights.length;
        float[] x = new float[n * dims];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double z = bias;
            for (int d = 0; d < dims; d++) {
                float v = (float) random.nextGaussian();
                x[i * dims + d] = v;
                z += weights[d] * v;
            }
            double p = 1 / (1 + Math.exp(-z));
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        return Dataset.ofClasses(x, Shape.of(dims), y, 2);
    }

    /**
     * Token sequences with a padding mask, a task a model solves only by heeding the mask: each
     * sample has {@code steps} tokens from {@code {0, 1, 2, 3}}, of which the first {@code L}
     * (drawn from {@code [1, steps]}) are real and the rest padding, also random tokens. The
     * class is 1 when the real steps hold more 1s than 0s, else 0 (draws with as many are redrawn).
     *
     * @param n the number of samples
     * @param steps the length of every sequence, at least 1
     * @param random the random source
     * @return the dataset: inputs {@code tokens} {@code [steps]} (token ids) and {@code mask}
     *     {@code [steps]} (1 real, 0 padding), classes 0 and 1
     */
    public static Dataset maskedMajority(int n, int steps, RandomGenerator random) {
        checkCount(n);
        if (steps < 1) {
            throw new IllegalArgumentException("synthetic data: sequences need at least one step, found " + steps);
        }
        float[] tokens = new float[n * steps];
        float[] mask = new float[n * steps];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int balance;
            do {
                int length = 1 + random.nextInt(steps);
                balance = 0;
                for (int t = 0; t < steps; t++) {
                    int token = random.nextInt(4);
                    tokens[i * steps + t] = token;
                    mask[i * steps + t] = t < length ? 1 : 0;
                    if (t < length && token < 2) {
                        balance += token == 1 ? 1 : -1;
                    }
                }
            } while (balance == 0);
            y[i] = balance > 0 ? 1 : 0;
        }
        return Dataset.builder().input("tokens", tokens, Shape.of(steps)).input("mask", mask, Shape.of(steps))
                .classes(y, 2).build();
    }

    private static void checkCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("synthetic data: the number of samples must be at least 1, found " + n);
        }
    }
}
