package org.neurite.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Draws by a reused sampler: the same tokens as the distribution written out, top-k cut by selection. */
class SamplingTest {

    @Test
    void aSamplerDrawsWhatTheSortedTopKDistributionGives() {
        SplittableRandom scores = new SplittableRandom(3);
        for (int k : new int[] {0, 1, 2, 5, 64, 65}) {
            Sampling sampling = new Sampling(0.8, k, 0);
            Sampling.Sampler sampler = sampling.sampler(65);
            SplittableRandom draws = new SplittableRandom(11);
            SplittableRandom reference = new SplittableRandom(11);
            for (int round = 0; round < 200; round++) {
                float[] logits = new float[65];
                for (int i = 0; i < logits.length; i++) {
                    // a few repeated values, so that ties at the cutoff occur
                    logits[i] = round % 2 == 0 ? (float) scores.nextGaussian() * 3 : scores.nextInt(6);
                }
                int token = sampler.draw(logits, draws);
                assertThat(token).as("k %d round %d", k, round).isEqualTo(sortedDraw(logits, sampling, reference));
                if (k > 0) {
                    float[] sorted = logits.clone();
                    Arrays.sort(sorted);
                    assertThat(logits[token]).isGreaterThanOrEqualTo(sorted[65 - Math.min(k, 65)]);
                }
            }
        }
    }

    @Test
    void aSamplerTakesTheNumberOfScoresItWasMadeFor() {
        assertThatThrownBy(() -> new Sampling(1, 0, 0).sampler(3).draw(new float[4], new SplittableRandom(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the sampler draws among 3 tokens, got 4 scores");
    }

    /** The distribution written out: the cutoff from a sorted copy, then the cumulative search. */
    private static int sortedDraw(float[] logits, Sampling sampling, SplittableRandom random) {
        int n = logits.length;
        double cutoff = Double.NEGATIVE_INFINITY;
        if (sampling.topK() > 0 && sampling.topK() < n) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            cutoff = sorted[n - sampling.topK()];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v / sampling.temperature());
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = logits[i] < cutoff ? 0 : Math.exp(logits[i] / sampling.temperature() - max);
            sum += p[i];
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < n; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        return n - 1;
    }
}
