package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/** Token accuracy, the loss per token and perplexity over batches of per-step targets with padding. */
class TokenMeasuresTest {

    @Test
    void countsOnlyTheStepsThatAreNotPaddingAndWeighsTheLossByThem() {
        RunningMeasures m = new RunningMeasures();
        // batch 1: 2 samples x 2 steps x 3 classes; arg-max 2, 0 | 1, 1; targets 2, 1 | 1, -100 -> 2 of 3 right
        m.add(1.0, CpuTensor.wrap(new float[] {0, 1, 5, 4, 1, 0, 0, 3, 1, 0, 2, 1}, Shape.of(2, 2, 3)),
                CpuTensor.wrap(new float[] {2, 1, 1, -100}, Shape.of(2, 2)));
        // batch 2: 1 sample, one step counts and is right
        m.add(2.0, CpuTensor.wrap(new float[] {9, 0, 0, 0, 0, 9}, Shape.of(1, 2, 3)),
                CpuTensor.wrap(new float[] {0, -100}, Shape.of(1, 2)));

        Evaluation e = new Evaluation(m.samples(), m.meanLoss(), m.confusion(), m.tokens());
        assertThat(e.samples()).isEqualTo(3);
        assertThat(e.tokens().tokens()).isEqualTo(4);
        assertThat(e.tokens().correct()).isEqualTo(3);
        assertThat(e.accuracy()).isEqualTo(0.75);
        // batch means 1.0 over 3 tokens and 2.0 over 1 token: 5 / 4 per token
        assertThat(e.loss()).isEqualTo(1.25);
        assertThat(e.perplexity()).isCloseTo(Math.exp(1.25), within(1e-12));
        assertThat(e.confusion()).isNull();
    }

    @Test
    void oneLabelPerSampleKeepsTheConfusionMatrixAndHasNoPerplexity() {
        RunningMeasures m = new RunningMeasures();
        m.add(0.5, CpuTensor.wrap(new float[] {1, 0, 0, 1}, Shape.of(2, 2)), CpuTensor.wrap(new float[] {0, 0}, Shape.of(2)));
        Evaluation e = new Evaluation(m.samples(), m.meanLoss(), m.confusion(), m.tokens());

        assertThat(e.tokens()).isNull();
        assertThat(e.accuracy()).isEqualTo(0.5);
        assertThat(e.perplexity()).isNaN();
    }
}
