package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.tensor.CpuTensor;
import org.neurite.engine.train.TrainingFakes.Identity;
import org.neurite.engine.train.TrainingFakes.ScriptedLoss;

class EvaluatorTest {

    // scores of 3 classes for 6 samples; arg-max: 0, 1, 2, 1, 2, 0
    private static final float[] SCORES = {
        5, 1, 0,
        0, 3, 1,
        0, 1, 2,
        1, 4, 2,
        2, 0, 3,
        7, 6, 5,
    };
    // true classes:                    0, 1, 1, 1, 2, 2
    private static final float[] LABELS = {0, 1, 1, 1, 2, 2};

    @Test
    void measuresAccuracyConfusionPrecisionAndRecallInBatchesWithoutGradients() {
        Identity model = new Identity();

        Evaluation e = new Evaluator(model, null, 4)
                .evaluate(CpuTensor.wrap(SCORES.clone(), Shape.of(6, 3)), CpuTensor.wrap(LABELS.clone(), Shape.of(6)));

        assertThat(model.modes).containsExactly(Mode.INFERENCE, Mode.INFERENCE);
        assertThat(model.gradEnabled).containsExactly(false, false);
        assertThat(CpuBackend.instance().isGradEnabled()).isTrue();
        assertThat(e.samples()).isEqualTo(6);
        assertThat(e.loss()).isNaN();
        assertThat(e.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        ConfusionMatrix m = e.confusion();
        assertThat(m.count(0, 0)).isEqualTo(1);
        assertThat(m.count(1, 1)).isEqualTo(2);
        assertThat(m.count(1, 2)).isEqualTo(1);
        assertThat(m.count(2, 2)).isEqualTo(1);
        assertThat(m.count(2, 0)).isEqualTo(1);
        // class 0: predicted twice, right once; class 1: 3 samples, 2 found
        assertThat(m.precision(0)).isEqualTo(0.5);
        assertThat(m.recall(0)).isEqualTo(1.0);
        assertThat(m.precision(1)).isEqualTo(1.0);
        assertThat(m.recall(1)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.precision(2)).isEqualTo(0.5);
        assertThat(m.recall(2)).isEqualTo(0.5);
        assertThat(m.toString()).contains("true\\pred").contains("        1      0      2      1");
    }

    @Test
    void averagesTheLossPerSampleOverUnequalBatches() {
        // batches of 4 and 2 samples with mean losses 1 and 4: per sample (4 + 8) / 6 = 2
        Evaluation e = new Evaluator(new Identity(), new ScriptedLoss(1, 4), 4)
                .evaluate(CpuTensor.wrap(SCORES.clone(), Shape.of(6, 3)), CpuTensor.wrap(LABELS.clone(), Shape.of(6)));

        assertThat(e.loss()).isEqualTo(2.0);
    }

    @Test
    void leavesClassificationOutWhenTheTargetsAreNotLabels() {
        Tensor x = CpuTensor.wrap(new float[] {1, 2, 3}, Shape.of(3, 1));

        Evaluation e = new Evaluator(new Identity(), null, 0).evaluate(x, x);

        assertThat(e.confusion()).isNull();
        assertThat(e.accuracy()).isNaN();
    }

    @Test
    void namesALabelThatIsNotAClassIndex() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        Tensor scores = CpuTensor.wrap(new float[] {1, 0, 0, 0, 1, 0}, Shape.of(2, 3));

        assertThatThrownBy(() -> m.add(scores, CpuTensor.wrap(new float[] {0, 3}, Shape.of(2))))
                .hasMessage("label 3.0 of sample 1 in the batch is not a class index in [0, 3)");
        assertThatThrownBy(() -> m.add(scores, CpuTensor.wrap(new float[] {0.5f, 1}, Shape.of(2))))
                .hasMessage("label 0.5 of sample 0 in the batch is not a class index in [0, 3)");
        assertThatThrownBy(() -> m.add(scores, CpuTensor.wrap(new float[] {0, 1, 2}, Shape.of(3))))
                .hasMessage("confusion matrix of 3 classes: expected scores [batch, 3] and labels [batch], got [2, 3] and [3]");
    }
}
