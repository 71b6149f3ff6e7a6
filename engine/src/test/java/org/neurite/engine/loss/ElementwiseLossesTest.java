package org.neurite.engine.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Close.assertClose;
import static org.neurite.engine.Fixtures.vector;

import org.junit.jupiter.api.Test;
import org.neurite.api.Loss;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class ElementwiseLossesTest {

    // Reference values: torch 1.13 in float64 on the float32 values below, loss = F.mse_loss,
    // F.l1_loss, F.huber_loss(delta=...), F.binary_cross_entropy, F.binary_cross_entropy_with_logits
    // (reduction "mean"); loss.backward(); gradients are prediction.grad and target.grad.
    private static final float[] PREDICTION = {0.5f, -1.2f, 2.0f, 0.1f, 3.0f, -0.4f};
    private static final float[] TARGET = {0.0f, -1.0f, 3.5f, 0.3f, 1.0f, -2.0f};

    @Test
    void mseMatchesTorch() {
        regression(new MeanSquaredError(), 1.5233333340287212,
                0.16666666666666666, -0.0666666825612386, -0.5, -0.06666667014360428, 0.6666666666666666,
                0.5333333313465118);
    }

    @Test
    void maeMatchesTorch() {
        double s = 0.16666666666666666;
        regression(new MeanAbsoluteError(), 1.000000008692344, s, -s, -s, -s, s, s);
    }

    @Test
    void huberMatchesTorchForTwoDeltas() {
        regression(new HuberLoss(1f), 0.6275000009437405,
                0.08333333333333333, -0.0333333412806193, -0.16666666666666666, -0.03333333507180214,
                0.16666666666666666, 0.16666666666666666);
        regression(new HuberLoss(0.5f), 0.39000000144044583,
                0.08333333333333333, -0.0333333412806193, -0.08333333333333333, -0.03333333507180214,
                0.08333333333333333, 0.08333333333333333);
    }

    @Test
    void binaryCrossEntropyMatchesTorch() {
        CpuTensor p = vector(0.9f, 0.2f, 0.6f, 0.01f, 0.5f, 0.999f).requireGrad();
        CpuTensor t = vector(1f, 0f, 1f, 0f, 0.3f, 1f);
        Tensor loss = new BinaryCrossEntropy().compute(p, t);
        assertClose("bce", loss.toArray(), 0.2572546141419343);
        loss.backward();
        assertClose("bce gradient", p.grad().toArray(), new double[] {-0.18518519009091738, 0.20833333410943547,
            -0.277777766739881, 0.16835016831215907, 0.13333332538604736, -0.16683349801676836}, 1e-5, 0);
    }

    @Test
    void binaryCrossEntropyClampsItsLogsAt100AsTorchDoes() {
        // torch 1.13, float32: F.binary_cross_entropy([0, 1, 0, 1], [1, 0, 0, 1]) = 50, gradient ±2.5e11
        CpuTensor p = CpuTensor.wrap(new float[] {0f, 1f, 0f, 1f}, Shape.of(4)).requireGrad();
        CpuTensor t = CpuTensor.wrap(new float[] {1f, 0f, 0f, 1f}, Shape.of(4));
        Tensor loss = new BinaryCrossEntropy().compute(p, t);
        assertThat(loss.item()).isEqualTo(50f);
        loss.backward();
        assertClose("bce gradient", p.grad().toArray(), new double[] {-2.5e11, 2.5e11, 0, 0}, 1e-6, 0);
    }

    @Test
    void binaryCrossEntropyWithLogitsIsExactForHugeScores() {
        CpuTensor p = vector(2f, -1f, 0f, 1000f, -1000f, 0.3f).requireGrad();
        CpuTensor t = vector(1f, 0f, 0.5f, 0f, 1f, 1f).requireGrad();
        Tensor loss = new BinaryCrossEntropyWithLogits().compute(p, t);
        assertClose("bce with logits", loss.toArray(), 333.6146153530861);
        loss.backward();
        assertClose("prediction gradient", p.grad().toArray(), new double[] {-0.01986715367035295,
            0.04482357022833252, 0.0, 0.16666666666666666, -0.16666666666666666, -0.07092624671236182}, 1e-6, 1e-9);
        assertClose("target gradient", t.grad().toArray(), new double[] {-0.3333333333333333, 0.16666666666666666,
            0, -166.66666666666666, 166.66666666666666, -0.050000001986821495}, 1e-6, 1e-9);
    }

    @Test
    void hingeMatchesTheTorchExpressionAndReadsZeroAsMinusOne() {
        // torch 1.13, float64: torch.clamp(1 - t * y, min=0).mean() for t in {-1, 1}
        double s = 0.16666666666666666;
        double[] grad = {-s, 0, s, -s, -s, s};
        float[] y = {0.3f, -2.0f, 1.5f, 0.8f, -0.2f, 2.5f};
        for (float[] labels : new float[][] {{1, -1, -1, 1, 1, -1}, {1, 0, 0, 1, 1, 0}}) {
            CpuTensor p = vector(y).requireGrad();
            Tensor loss = new HingeLoss().compute(p, vector(labels));
            assertClose("hinge", loss.toArray(), 1.3499999965230625);
            loss.backward();
            assertClose("hinge gradient", p.grad().toArray(), grad, 1e-6, 0);
        }
    }

    @Test
    void everyElementwiseLossPassesTheGradientCheck() {
        for (Loss loss : new Loss[] {new MeanSquaredError(), new MeanAbsoluteError(), new HuberLoss(1f),
            new HuberLoss(0.5f), new BinaryCrossEntropyWithLogits()}) {
            // both prediction and target, away from the kinks at |p - t| = 0 and = delta
            GradCheck.create().check(in -> loss.compute(in.get(0), in.get(1)), vector(PREDICTION), vector(TARGET));
        }
        float[] probabilities = {0.15f, 0.8f, 0.5f, 0.35f, 0.9f, 0.65f};
        float[] soft = {1f, 0f, 0.25f, 1f, 0.5f, 0f};
        GradCheck.create().check(in -> new BinaryCrossEntropy().compute(in.get(0), in.get(1)),
                vector(probabilities), vector(soft));
        CpuTensor labels = vector(1, -1, -1, 1, 0, -1);
        GradCheck.create().check(in -> new HingeLoss().compute(in.get(0), labels),
                vector(0.3f, -2.0f, 1.5f, 0.8f, -0.2f, 2.5f));
    }

    @Test
    void aSingleOutputPredictionTakesAFlatTarget() {
        CpuTensor p = CpuTensor.wrap(PREDICTION.clone(), Shape.of(6, 1));
        CpuTensor t = CpuTensor.wrap(TARGET.clone(), Shape.of(6));
        assertClose("mse", new MeanSquaredError().compute(p, t).toArray(), 1.5233333340287212);
    }

    @Test
    void mismatchedShapesNameTheLossAndBothShapes() {
        CpuTensor p = CpuTensor.wrap(new float[6], Shape.of(2, 3));
        CpuTensor t = CpuTensor.wrap(new float[6], Shape.of(3, 2));
        assertThatThrownBy(() -> new MeanSquaredError().compute(p, t))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("mse: prediction [2, 3] and target [3, 2] do not fit: expected a target of the prediction's shape");
        assertThatThrownBy(() -> new HingeLoss().compute(p, CpuTensor.wrap(new float[2], Shape.of(2))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith("hinge: prediction [2, 3] and target [2]");
    }

    @Test
    void badValuesAreNamedWithTheirPosition() {
        assertThatThrownBy(() -> new BinaryCrossEntropy().compute(vector(0.5f, 1.5f), vector(1f, 0f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binary_cross_entropy: prediction 1.5 at element 1 is not a probability in [0, 1];"
                        + " use binary_cross_entropy_with_logits on raw scores");
        assertThatThrownBy(() -> new HingeLoss().compute(vector(0.5f, 1.5f, 2f), vector(1f, -1f, 2f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hinge: target 2.0 at element 2 is not a label -1 or 1 (0 is read as -1)");
    }

    @Test
    @SuppressWarnings("try") // the scope only switches recording off
    void withoutGradientsNoDerivativesAreKept() {
        CpuTensor p = vector(PREDICTION).requireGrad();
        try (var scope = CpuBackend.instance().noGrad()) {
            Tensor loss = new MeanSquaredError().compute(p, vector(TARGET));
            assertThat(loss.requiresGrad()).isFalse();
            assertClose("mse", loss.toArray(), 1.5233333340287212);
        }
    }

    /** Checks the loss and both gradients (the target's is the prediction's negated) against torch. */
    private static void regression(Loss loss, double value, double... predictionGrad) {
        CpuTensor p = CpuTensor.wrap(PREDICTION.clone(), Shape.of(2, 3)).requireGrad();
        CpuTensor t = CpuTensor.wrap(TARGET.clone(), Shape.of(2, 3)).requireGrad();
        Tensor out = loss.compute(p, t);
        assertThat(out.shape()).isEqualTo(Shape.scalar());
        assertClose(loss.name(), out.toArray(), value);
        out.backward();
        double[] targetGrad = new double[predictionGrad.length];
        for (int i = 0; i < targetGrad.length; i++) {
            targetGrad[i] = -predictionGrad[i];
        }
        assertClose(loss.name() + " prediction gradient", p.grad().toArray(), predictionGrad, 1e-6, 1e-9);
        assertClose(loss.name() + " target gradient", t.grad().toArray(), targetGrad, 1e-6, 1e-9);
    }
}
