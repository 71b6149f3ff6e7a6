package org.neurite.engine.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks the sample mean and standard deviation of many drawn values against a distribution's. */
final class InitializerStatistics {

    private InitializerStatistics() {
    }

    /**
     * Asserts the sample mean within five standard errors and the sample standard deviation
     * within 1.5 % (its relative standard error is below 0.3 % for the sizes tested).
     */
    static void assertMoments(float[] values, double mean, double std) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        double sampleMean = sum / values.length;
        double squares = 0;
        for (float v : values) {
            squares += (v - sampleMean) * (v - sampleMean);
        }
        double sampleStd = Math.sqrt(squares / (values.length - 1));
        assertThat(sampleMean).as("mean").isCloseTo(mean, within(5 * std / Math.sqrt(values.length)));
        assertThat(sampleStd).as("standard deviation").isCloseTo(std, within(0.015 * std));
    }

    /** Asserts that every value lies in [low, high] and that the draws come close to both ends. */
    static void assertBounds(float[] values, double low, double high) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat((double) min).as("smallest value").isGreaterThanOrEqualTo((float) low)
                .isCloseTo(low, within(0.001 * (high - low)));
        assertThat((double) max).as("largest value").isLessThanOrEqualTo((float) high)
                .isCloseTo(high, within(0.001 * (high - low)));
    }
}
