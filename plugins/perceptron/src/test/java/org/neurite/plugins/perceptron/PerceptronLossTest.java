package org.neurite.plugins.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.tensor.CpuTensor;

class PerceptronLossTest {

    private final PerceptronLoss loss = new PerceptronLoss();

    private static Tensor tensor(float[] values, int... shape) {
        return CpuBackend.instance().tensor(values, Shape.of(shape));
    }

    @Test
    void theValueIsTheNumberOfWrongDecisionsPerSample() {
        Tensor decisions = tensor(new float[] {1, 0, 1, 0}, 4, 1);

        assertThat(loss.compute(decisions, tensor(new float[] {1, 0, 0, 1}, 4)).item()).isEqualTo(0.5f);
        assertThat(loss.compute(decisions, tensor(new float[] {1, 0, 1, 0}, 4)).item()).isZero();
    }

    @Test
    void theGradientIsTheErrorOverTheBatch() {
        CpuTensor decisions = CpuTensor.wrap(new float[] {1, 0, 1, 0}, Shape.of(4, 1)).requireGrad();

        loss.compute(decisions, tensor(new float[] {1, 1, 0, 0}, 4)).backward();

        // (y_hat - y) / 4: right decisions get 0
        assertThat(decisions.grad().toArray()).containsExactly(0, -0.25f, 0.25f, 0);
    }

    @Test
    void severalUnitsTakeTargetsOfThePredictionsShape() {
        CpuTensor decisions = CpuTensor.wrap(new float[] {1, 1, 0, 0}, Shape.of(2, 2)).requireGrad();

        Tensor value = loss.compute(decisions, tensor(new float[] {1, 0, 1, 0}, 2, 2));
        value.backward();

        assertThat(value.item()).isEqualTo(1f);
        assertThat(decisions.grad().toArray()).containsExactly(0, 0.5f, -0.5f, 0);
    }

    @Test
    void scoresThatAreNotDecisionsAreRejected() {
        assertThatThrownBy(() -> loss.compute(tensor(new float[] {1, 0.7f}, 2, 1), tensor(new float[] {1, 0}, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perceptron: prediction 0.7 at sample 1, unit 0 is not a 0 or 1 decision of a"
                        + " perceptron or mcculloch_pitts layer");
    }

    @Test
    void labelsOtherThanZeroOrOneAreRejected() {
        assertThatThrownBy(() -> loss.compute(tensor(new float[] {1, 0, 1}, 3, 1), tensor(new float[] {1, 0, 2}, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perceptron: target 2.0 at sample 2, unit 0 is not a label 0 or 1");
    }

    @Test
    void targetsThatDoNotFitAreAShapeError() {
        assertThatThrownBy(() -> loss.compute(tensor(new float[] {1, 0, 1, 0}, 2, 2), tensor(new float[] {1, 0}, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith("perceptron: prediction [2, 2] and target [2] do not fit");
    }

    @Test
    void theProviderTakesNoOptions() {
        PerceptronLossProvider provider = new PerceptronLossProvider();

        assertThat(provider.create(Options.of("loss", Map.of())).name()).isEqualTo("perceptron");
        assertThatThrownBy(() -> provider.create(Options.of("loss", Map.of("margin", 1))))
                .isInstanceOf(OptionException.class)
                .hasMessage("loss.margin: unknown option; known options: none");
    }
}
