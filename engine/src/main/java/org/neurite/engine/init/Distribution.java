package org.neurite.engine.init;

import java.util.random.RandomGenerator;

/** The two shapes of random initial values, each with zero mean and a given standard deviation. */
public enum Distribution {

    /** Uniform on {@code [-sqrt(3) * std, sqrt(3) * std)}, whose standard deviation is {@code std}. */
    UNIFORM,
    /** Normal with mean 0. */
    NORMAL;

    /**
     * @param values the storage to fill
     * @param std the standard deviation of the values
     * @param random the source to draw from
     */
    public void fill(float[] values, double std, RandomGenerator random) {
        if (this == UNIFORM) {
            double bound = Math.sqrt(3) * std;
            uniform(values, -bound, bound, random);
        } else {
            normal(values, 0, std, random);
        }
    }

    /**
     * @param values the storage to fill
     * @param low the smallest value
     * @param high the bound the values stay below (up to float rounding)
     * @param random the source to draw from
     */
    public static void uniform(float[] values, double low, double high, RandomGenerator random) {
        double width = high - low;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (low + width * random.nextDouble());
        }
    }

    /**
     * @param values the storage to fill
     * @param mean the mean of the values
     * @param std their standard deviation
     * @param random the source to draw from
     */
    public static void normal(float[] values, double mean, double std, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + std * random.nextGaussian());
        }
    }
}
