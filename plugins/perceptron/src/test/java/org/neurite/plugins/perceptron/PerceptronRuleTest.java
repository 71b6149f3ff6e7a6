package org.neurite.plugins.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neurite.plugins.perceptron.PluginComponents.components;
import static org.neurite.plugins.perceptron.PluginComponents.model;
import static org.neurite.plugins.perceptron.PluginComponents.rows;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;

/** The perceptron layer, loss and optimizer together follow Rosenblatt's rule, and training ends either way. */
class PerceptronRuleTest {

    private static final List<Map<String, Object>> ONE_UNIT = List.of(Map.of("type", "perceptron"));

    private static Loss loss() {
        return components().loss("perceptron", Options.of("loss", Map.of()));
    }

    private static Optimizer optimizer(double lr) {
        return components().optimizer("perceptron", Options.of("optimizer", Map.of("lr", lr)));
    }

    /** One update on one sample, as the trainer does it with batch size 1; returns the sample's loss. */
    private static float learn(Sequential model, Optimizer optimizer, float[] x, float... y) {
        Map<String, Parameter> parameters = model.parameters();
        parameters.values().forEach(Parameter::zeroGradient);
        Tensor decision = model.forward(rows(new float[][] {x}), Mode.TRAINING);
        Tensor target = CpuBackend.instance().tensor(y, y.length == 1 ? Shape.of(1) : Shape.of(1, y.length));
        Tensor value = loss().compute(decision, target);
        value.backward();
        optimizer.step(parameters);
        return value.item();
    }

    private static float[] weight(Sequential model) {
        return model.parameters().get("0.weight").data().clone();
    }

    private static float[] bias(Sequential model) {
        return model.parameters().get("0.bias").data().clone();
    }

    @Test
    void updatesFollowRosenblattsRuleOnAHandComputedSequence() {
        Sequential perceptron = model(List.of(2), ONE_UNIT);
        Optimizer rule = optimizer(1.0);
        assertThat(weight(perceptron)).containsExactly(0, 0);
        assertThat(bias(perceptron)).containsExactly(0);

        // x = (2, -1), y = 0: w.x + b = 0 >= 0, so y_hat = 1, a mistake: w += (0 - 1) x, b += (0 - 1).
        assertThat(learn(perceptron, rule, new float[] {2, -1}, 0)).isEqualTo(1f);
        assertThat(weight(perceptron)).containsExactly(-2, 1);
        assertThat(bias(perceptron)).containsExactly(-1);

        // x = (1, 1), y = 1: -2 + 1 - 1 = -2 < 0, so y_hat = 0, a mistake: w += (1 - 0) x, b += 1.
        assertThat(learn(perceptron, rule, new float[] {1, 1}, 1)).isEqualTo(1f);
        assertThat(weight(perceptron)).containsExactly(-1, 2);
        assertThat(bias(perceptron)).containsExactly(0);

        // x = (0, 1), y = 1: 2 >= 0, right; x = (3, 1), y = 0: -3 + 2 = -1 < 0, right: nothing changes.
        assertThat(learn(perceptron, rule, new float[] {0, 1}, 1)).isZero();
        assertThat(learn(perceptron, rule, new float[] {3, 1}, 0)).isZero();
        assertThat(weight(perceptron)).containsExactly(-1, 2);
        assertThat(bias(perceptron)).containsExactly(0);
    }

    @Test
    void theLearningRateScalesTheUpdate() {
        Sequential perceptron = model(List.of(2), ONE_UNIT);

        learn(perceptron, optimizer(0.5), new float[] {2, -1}, 0);

        assertThat(weight(perceptron)).containsExactly(-1, 0.5f);
        assertThat(bias(perceptron)).containsExactly(-0.5f);
    }

    @Test
    void theGradientAtTheWeightsIsTheErrorTimesTheInput() {
        Sequential perceptron = model(List.of(3), ONE_UNIT);
        Tensor decision = perceptron.forward(rows(new float[][] {{1, -2, 3}}), Mode.TRAINING);

        loss().compute(decision, CpuBackend.instance().tensor(new float[] {0}, Shape.of(1))).backward();

        // y_hat = step(0) = 1, y = 0: (y_hat - y) x = x
        assertThat(decision.toArray()).containsExactly(1);
        assertThat(perceptron.parameters().get("0.weight").gradient()).containsExactly(1, -2, 3);
        assertThat(perceptron.parameters().get("0.bias").gradient()).containsExactly(1);
    }

    @Test
    void eachUnitLearnsFromItsOwnMistakes() {
        Sequential twoUnits = model(List.of(2), List.of(Map.of("type", "perceptron", "units", 2)));

        // Both units say 1 at first; unit 0 should (target 1), unit 1 should not (target 0).
        assertThat(learn(twoUnits, optimizer(1.0), new float[] {1, 2}, 1, 0)).isEqualTo(1f);

        assertThat(weight(twoUnits)).containsExactly(0, 0, -1, -2);
        assertThat(bias(twoUnits)).containsExactly(0, -1);
    }

    @Test
    void withoutBiasOnlyTheWeightsLearn() {
        Sequential noBias = model(List.of(2), List.of(Map.of("type", "perceptron", "use_bias", false)));

        learn(noBias, optimizer(1.0), new float[] {2, -1}, 0);

        assertThat(noBias.parameters()).containsOnlyKeys("0.weight");
        assertThat(weight(noBias)).containsExactly(-2, 1);
    }

    @Test
    @SuppressWarnings("try") // the scope only switches gradients off
    void inInferenceTheDecisionsCarryNoGradient() {
        Sequential perceptron = model(List.of(2), ONE_UNIT);
        try (var scope = CpuBackend.instance().noGrad()) {
            Tensor decision = perceptron.forward(rows(new float[][] {{1, 1}, {-1, 0}}), Mode.INFERENCE);
            assertThat(decision.requiresGrad()).isFalse();
            assertThat(decision.toArray()).containsExactly(1, 1);
        }
    }

    @Test
    void convergesToZeroTrainingErrorsOnLinearlySeparableData() {
        Dataset separable = SyntheticData.blobs(200, 2, 2, 1.0, new SplittableRandom(3));
        Sequential perceptron = model(List.of(2), ONE_UNIT);

        TrainingHistory history = train(perceptron, separable, 100);

        assertThat(history.stoppedEarly()).isTrue();
        assertThat(history.epochs().size()).isLessThan(100);
        assertThat(history.last().loss()).isZero();
        assertThat(errors(perceptron, separable)).isZero();
    }

    @Test
    void onXorItStopsAtTheEpochLimitWithErrorsLeft() {
        Dataset xor = SyntheticData.xor();
        Sequential perceptron = model(List.of(2), ONE_UNIT);

        TrainingHistory history = train(perceptron, xor, 30);

        assertThat(history.stoppedEarly()).isFalse();
        assertThat(history.epochs()).hasSize(30);
        assertThat(history.epochs()).allSatisfy(epoch -> assertThat(epoch.loss()).isPositive());
        // No line separates XOR: at least one of the four points stays wrong.
        assertThat(errors(perceptron, xor)).isBetween(1, 4);
    }

    /** Trains with batch size 1, stopping after the first epoch without a mistake (the loss counts mistakes). */
    private static TrainingHistory train(Sequential model, Dataset data, int epochs) {
        TrainingListener stopAtZeroErrors = new TrainingListener() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochResult result) {
                if (result.loss() == 0) {
                    trainer.stop();
                }
            }
        };
        return Trainer.builder(model, loss(), optimizer(1.0)).epochs(epochs).batchSize(1).seed(0)
                .listener(stopAtZeroErrors).build().fit(data);
    }

    private static int errors(Sequential model, Dataset data) {
        float[][] features = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            features[i] = data.features(i);
        }
        float[] decisions = model.forward(rows(features), Mode.INFERENCE).toArray();
        int errors = 0;
        for (int i = 0; i < data.size(); i++) {
            errors += decisions[i] == data.target(i)[0] ? 0 : 1;
        }
        return errors;
    }
}
