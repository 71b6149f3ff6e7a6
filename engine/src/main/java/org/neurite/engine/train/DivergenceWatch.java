package org.neurite.engine.train;

/**
 * Tells a loss that explodes while staying finite (0.85 rising to 10⁶) from the noise of
 * minibatches: it follows a moving average of the batch losses and reports divergence when that
 * average exceeds both {@code factor} times its lowest value so far and the run's first positive
 * loss. The second condition keeps a loss that is nearly zero from counting its small wobbles,
 * and a bounded loss (an error count) from ever counting.
 */
final class DivergenceWatch {

    /** The weight of each new loss in the moving average: about the last ten steps count. */
    private static final double ALPHA = 0.1;

    private final double factor;
    private double average = Double.NaN;
    private double lowest = Double.NaN;
    private double first = Double.NaN;

    /**
     * @param factor how many times the lowest moving average counts as divergence; 0 turns the watch off
     */
    DivergenceWatch(double factor) {
        this.factor = factor;
    }

    /**
     * @param loss a step's finite loss
     * @return whether the loss has exploded
     */
    boolean diverged(double loss) {
        if (factor == 0) {
            return false;
        }
        if (Double.isNaN(average)) {
            average = loss;
            lowest = loss;
        } else {
            average += ALPHA * (loss - average);
            lowest = Math.min(lowest, average);
        }
        if (!(first > 0)) {
            // a loss that starts at zero (a perceptron's count of errors) is measured from its first positive value
            first = loss;
            return false;
        }
        return average > factor * lowest && average > first;
    }

    /** @return the moving average of the loss */
    double average() {
        return average;
    }

    /** @return the lowest moving average seen */
    double lowest() {
        return lowest;
    }
}
