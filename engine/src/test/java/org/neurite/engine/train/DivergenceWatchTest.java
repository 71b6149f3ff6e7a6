package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivergenceWatchTest {

    private static int divergesAt(double factor, double... losses) {
        DivergenceWatch watch = new DivergenceWatch(factor);
        for (int i = 0; i < losses.length; i++) {
            if (watch.diverged(losses[i])) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aLossRisingByOrdersOfMagnitudeDiverges() {
        assertThat(divergesAt(100, 0.85, 0.8, 0.7, 0.6, 50, 5e3, 1e6)).isEqualTo(5);
        assertThat(divergesAt(0, 0.85, 0.8, 0.7, 0.6, 50, 5e3, 1e6)).isEqualTo(-1);
    }

    @Test
    void noiseAndSmallWobblesOfANearlyZeroLossDoNot() {
        assertThat(divergesAt(100, 2.3, 1.0, 3.0, 0.5, 2.0, 0.1, 1.5)).isEqualTo(-1);
        // trained to almost nothing: bouncing back up to where it started is not an explosion
        assertThat(divergesAt(100, 1.0, 1e-6, 1e-7, 1e-8, 1e-8, 0.5, 0.9)).isEqualTo(-1);
    }

    @Test
    void aBoundedLossThatStartsAtZeroNeverDiverges() {
        // a perceptron's error count per sample: 0 or 1
        assertThat(divergesAt(100, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1)).isEqualTo(-1);
    }
}
