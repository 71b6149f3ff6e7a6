package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class DropoutTest {

    @Test
    void inferenceAndZeroProbabilityReturnTheInputItself() {
        CpuTensor x = GradCheck.random(1, 3, 4);
        assertThat(Dropout.apply(x, 0.5f, Mode.INFERENCE, new SplittableRandom(1))).isSameAs(x);
        assertThat(Dropout.apply(x, 0f, Mode.TRAINING, new SplittableRandom(1))).isSameAs(x);
    }

    @Test
    void trainingZeroesOrScalesEveryElementAndDropsAboutP() {
        CpuTensor x = GradCheck.random(2, 100, 100);
        float p = 0.3f;
        float[] y = Dropout.apply(x, p, Mode.TRAINING, new SplittableRandom(7)).toArray();
        float[] xd = x.data();
        int dropped = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0f) {
                dropped++;
            } else {
                assertThat(y[i]).isCloseTo(xd[i] / (1 - p), within(1e-6f));
            }
        }
        // 10,000 Bernoulli draws: the standard deviation of the fraction is about 0.0046
        assertThat(dropped / 10_000.0).isCloseTo(p, within(0.02));
    }

    @Test
    void sameSeedGivesSameMaskAndOtherSeedAnother() {
        CpuTensor x = GradCheck.random(3, 50);
        float[] a = Dropout.apply(x, 0.5f, Mode.TRAINING, new SplittableRandom(11)).toArray();
        float[] b = Dropout.apply(x, 0.5f, Mode.TRAINING, new SplittableRandom(11)).toArray();
        float[] c = Dropout.apply(x, 0.5f, Mode.TRAINING, new SplittableRandom(12)).toArray();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void gradientFlowsThroughTheKeptElementsOnly() {
        CpuTensor x = GradCheck.random(4, 6, 5).requireGrad();
        CpuTensor y = Dropout.apply(x, 0.4f, Mode.TRAINING, new SplittableRandom(3));
        float[] ones = new float[30];
        java.util.Arrays.fill(ones, 1f);
        y.backward(CpuTensor.wrap(ones, y.shape()));
        float[] yd = y.toArray();
        for (int i = 0; i < 30; i++) {
            assertThat(x.gradArray()[i]).isEqualTo(yd[i] == 0f ? 0f : 1f / 0.6f);
        }
        GradCheck.create().check(in -> Dropout.apply(in.get(0), 0.4f, Mode.TRAINING, new SplittableRandom(3)),
                GradCheck.random(5, 6, 5));
    }

    @Test
    void rejectsProbabilityOutsideZeroToOne() {
        CpuTensor x = GradCheck.random(1, 2);
        for (float p : new float[] {1f, -0.1f, 1.5f, Float.NaN}) {
            assertThatThrownBy(() -> Dropout.apply(x, p, Mode.TRAINING, new SplittableRandom(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dropout: probability p = " + p + " must be in [0, 1)");
        }
    }
}
