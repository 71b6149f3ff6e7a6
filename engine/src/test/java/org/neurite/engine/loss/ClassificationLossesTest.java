package org.neurite.engine.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Close.assertClose;
import static org.neurite.engine.Fixtures.vector;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class ClassificationLossesTest {

    // Reference values: torch 1.13 in float64 on the float32 logits below and labels [0, 2, 1, 2]:
    // F.cross_entropy(x, labels, label_smoothing=...) and F.nll_loss(log-probabilities, labels);
    // loss.backward(); gradients are x.grad.
    private static final float[] LOGITS = {1.0f, 2.0f, 0.5f, -0.3f, 0.8f, 2.2f, 0.0f, 0.0f, 0.0f, 3.0f, -1.0f, 0.7f};
    private static final float[] LABELS = {0, 2, 1, 2};

    @Test
    void crossEntropyMatchesTorch() {
        crossEntropy(0f, 1.314805902457403, -0.19219402559446275, 0.1571329298029406, 0.03506109579152212,
                0.015444816158234707, 0.046398793054901015, -0.061843609213135725, 0.08333333333333333,
                -0.16666666666666669, 0.08333333333333333, 0.22349875144965353, 0.004093522423634809,
                -0.22759227387328834);
    }

    @Test
    void crossEntropyWithLabelSmoothingMatchesTorch() {
        crossEntropy(0.1f, 1.3381392363867828, -0.17552735892779608, 0.14879959646960728, 0.026727762458188788,
                0.0071114828249013735, 0.038065459721567683, -0.04517694254646906, 0.075, -0.15000000000000002, 0.075,
                0.2151654181163202, -0.004239810909698524, -0.21092560720662168);
    }

    @Test
    void crossEntropyOfPlusMinus1000IsExactAndFinite() {
        // torch 1.13, float32: F.cross_entropy([[1000, -1000], [-1000, 1000], [1000, 1000]], [1, 1, 0]),
        // with label_smoothing 0 and 0.2; both losses are 666.897705078125 = (2000 + log 2) / 3
        float[] big = {1000f, -1000f, -1000f, 1000f, 1000f, 1000f};
        float[] labels = {1, 1, 0};
        double third = 0.3333333432674408;
        double sixth = 0.1666666716337204;
        bigCase(0f, big, labels, third, -third, 0, 0, -sixth, sixth);
        bigCase(0.2f, big, labels, 0.30000001192092896, -0.30000001192092896, -0.03333333507180214,
                0.03333333134651184, -0.13333334028720856, 0.13333334028720856);
    }

    @Test
    void nllMatchesTorch() {
        // log-probabilities: torch.log_softmax(LOGITS, 1) rounded to float32; loss 1.3148058950901031
        float[] logp = {-1.4643688f, -0.4643688f, -1.9643688f, -2.7841876f, -1.6841874f, -0.28418744f,
            -1.0986123f, -1.0986123f, -1.0986123f, -0.11205509f, -4.1120553f, -2.412055f};
        CpuTensor p = CpuTensor.wrap(logp, Shape.of(4, 3)).requireGrad();
        Tensor loss = new NegativeLogLikelihood().compute(p, vector(LABELS));
        assertClose("nll", loss.toArray(), 1.3148058950901031);
        loss.backward();
        assertThat(p.grad().toArray()).containsExactly(
                -0.25f, 0, 0, 0, 0, -0.25f, 0, -0.25f, 0, 0, 0, -0.25f);
    }

    @Test
    void classificationLossesPassTheGradientCheck() {
        CpuTensor labels = vector(3, 0, 4, 4, 1, 2);
        for (float smoothing : new float[] {0f, 0.3f}) {
            SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(smoothing);
            GradCheck.create().check(in -> loss.compute(in.get(0), labels), GradCheck.random(3, 6, 5));
        }
        GradCheck.create().check(in -> new NegativeLogLikelihood().compute(in.get(0), labels),
                GradCheck.random(4, 6, 5));
    }

    @Test
    void badLabelsAreNamedWithTheirBatchPositionAndTheNumberOfClasses() {
        CpuTensor logits = CpuTensor.wrap(LOGITS.clone(), Shape.of(4, 3));
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().compute(logits, vector(0, 2, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: class label 3.0 at batch position 2 is outside [0, 3) (3 classes)");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().compute(logits, vector(0, -1, 2, 1)))
                .hasMessage("cross_entropy: class label -1.0 at batch position 1 is outside [0, 3) (3 classes)");
        assertThatThrownBy(() -> new NegativeLogLikelihood().compute(logits, vector(1.5f, 0, 2, 1)))
                .hasMessage("nll: class label 1.5 at batch position 0 is not a whole number (3 classes)");
        assertThatThrownBy(() -> new NegativeLogLikelihood().compute(logits, vector(1, 0, Float.NaN, 1)))
                .hasMessage("nll: class label NaN at batch position 2 is not a whole number (3 classes)");
    }

    @Test
    void mismatchedShapesNameTheLossAndBothShapes() {
        CpuTensor logits = CpuTensor.wrap(LOGITS.clone(), Shape.of(4, 3));
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().compute(logits, vector(0, 1, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("cross_entropy: prediction [4, 3] and target [3] do not fit: expected a prediction"
                        + " [batch, classes] and a target [batch] of class indices, or [batch, time, classes] and"
                        + " [batch, time]");
        assertThatThrownBy(() -> new NegativeLogLikelihood().compute(logits, logits))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith("nll: prediction [4, 3] and target [4, 3] do not fit");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().compute(vector(1, 2), vector(1, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith("cross_entropy: prediction [2] and target [2] do not fit");
    }

    @Test
    void labelSmoothingOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(1.5f))
                .hasMessage("cross_entropy: label smoothing must be in [0, 1], got 1.5");
    }

    private static void crossEntropy(float smoothing, double value, double... grad) {
        CpuTensor x = CpuTensor.wrap(LOGITS.clone(), Shape.of(4, 3)).requireGrad();
        Tensor loss = new SoftmaxCrossEntropy(smoothing).compute(x, vector(LABELS));
        assertThat(loss.shape()).isEqualTo(Shape.scalar());
        assertClose("cross_entropy", loss.toArray(), value);
        loss.backward();
        assertClose("cross_entropy gradient", x.grad().toArray(), grad, 1e-6, 1e-8);
    }

    private static void bigCase(float smoothing, float[] logits, float[] labels, double... grad) {
        CpuTensor x = CpuTensor.wrap(logits.clone(), Shape.of(3, 2)).requireGrad();
        Tensor loss = new SoftmaxCrossEntropy(smoothing).compute(x, vector(labels));
        assertClose("cross_entropy of +-1000", loss.toArray(), new double[] {666.897705078125}, 1e-7, 0);
        loss.backward();
        assertClose("cross_entropy of +-1000 gradient", x.grad().toArray(), grad, 1e-6, 0);
    }
}
