package org.neurite.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;

class OptimizerStateTest {

    /** One configuration per optimizer, each keeping every buffer its kind can have. */
    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("gd", Map.of("lr", 0.1)),
                Arguments.of("sgd", Map.of("lr", 0.05, "momentum", 0.9, "nesterov", true, "weight_decay", 0.01)),
                Arguments.of("rmsprop", Map.of("lr", 0.02, "momentum", 0.5, "centered", true)),
                Arguments.of("adam", Map.of("lr", 0.1, "amsgrad", true, "weight_decay", 0.1)),
                Arguments.of("adamw", Map.of("lr", 0.1, "amsgrad", true)),
                Arguments.of("adagrad", Map.of("lr", 0.1, "lr_decay", 0.1, "initial_accumulator_value", 0.1)));
    }

    private static Optimizer create(String name, Map<String, Object> options) {
        return OptimizerTrajectoryTest.provider(name).create(Options.of(options));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumingFromASavedStateMatchesAnUninterruptedRunBitForBit(String name, Map<String, Object> options) {
        QuadraticProblem straight = new QuadraticProblem();
        Optimizer uninterrupted = create(name, options);
        for (int i = 0; i < 5; i++) {
            straight.step(uninterrupted);
        }

        QuadraticProblem resumed = new QuadraticProblem();
        Optimizer first = create(name, options);
        for (int i = 0; i < 3; i++) {
            resumed.step(first);
        }
        Map<String, float[]> saved = first.state();
        Optimizer second = create(name, options);
        second.loadState(saved);
        for (int i = 0; i < 2; i++) {
            resumed.step(second);
        }

        assertThat(resumed.values()).containsExactly(straight.values());
        Map<String, float[]> expected = uninterrupted.state();
        Map<String, float[]> actual = second.state();
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, values) -> assertThat(actual.get(key)).as(key).containsExactly(values));
    }

    @Test
    void snapshotNamesTheKindTheStepsAndEveryBuffer() {
        QuadraticProblem problem = new QuadraticProblem();
        Optimizer adam = create("adam", Map.of("amsgrad", true));
        problem.step(adam);
        problem.step(adam);

        Map<String, float[]> state = adam.state();

        assertThat(state.keySet()).containsExactly("optimizer/adam", "step",
                "step/0.weight", "exp_avg/0.weight", "exp_avg_sq/0.weight", "max_exp_avg_sq/0.weight",
                "step/0.bias", "exp_avg/0.bias", "exp_avg_sq/0.bias", "max_exp_avg_sq/0.bias");
        assertThat(state.get("optimizer/adam")).isEmpty();
        assertThat(state.get("step")).containsExactly(2f);
        assertThat(state.get("step/0.bias")).containsExactly(2f);
        assertThat(state.get("exp_avg/0.weight")).hasSize(6);
        assertThat(state.get("exp_avg/0.bias")).hasSize(3);
    }

    @Test
    void snapshotIsACopy() {
        QuadraticProblem problem = new QuadraticProblem();
        Optimizer sgd = create("sgd", Map.of("momentum", 0.9));
        problem.step(sgd);
        float before = sgd.state().get("momentum_buffer/0.bias")[0];

        sgd.state().get("momentum_buffer/0.bias")[0] = 1000f;

        assertThat(sgd.state().get("momentum_buffer/0.bias")[0]).isEqualTo(before);
    }

    @Test
    void skipsFrozenParametersAndParametersWithoutGradient() {
        Parameter frozen = QuadraticProblem.parameter(new float[] {1f, 2f}, Shape.of(2), false);
        QuadraticProblem.setGradient(frozen, new float[] {0.5f, 0.5f});
        Parameter idle = QuadraticProblem.parameter(new float[] {3f, 4f}, Shape.of(2), true);
        Parameter active = QuadraticProblem.parameter(new float[] {5f, 6f}, Shape.of(2), true);
        QuadraticProblem.setGradient(active, new float[] {1f, -1f});
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        parameters.put("frozen", frozen);
        parameters.put("idle", idle);
        parameters.put("active", active);
        Optimizer adam = create("adam", Map.of("lr", 0.1));

        adam.step(parameters);

        assertThat(frozen.data()).containsExactly(1f, 2f);
        assertThat(idle.data()).containsExactly(3f, 4f);
        // Adam's first step moves each value by lr against the sign of its gradient.
        assertThat(active.data()).containsExactly(4.9f, 6.1f);
        assertThat(adam.state().keySet()).noneMatch(k -> k.endsWith("/frozen") || k.endsWith("/idle"));
    }

    @Test
    void rejectsTheStateOfAnotherKindOfOptimizer() {
        QuadraticProblem problem = new QuadraticProblem();
        Optimizer adam = create("adam", Map.of());
        problem.step(adam);

        assertThatThrownBy(() -> create("adamw", Map.of()).loadState(adam.state()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer adamw: the state was saved by optimizer 'adam', not 'adamw'");
        Map<String, float[]> unmarked = new LinkedHashMap<>(adam.state());
        unmarked.remove("optimizer/adam");
        assertThatThrownBy(() -> create("adam", Map.of()).loadState(unmarked))
                .hasMessage("optimizer adam: the state has no 'optimizer/adam' entry, so it was not saved by this kind"
                        + " of optimizer");
    }

    @Test
    void rejectsUnknownEntriesAndMalformedStepCounts() {
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put("optimizer/adam", new float[0]);
        state.put("step", new float[] {1});
        state.put("momentum_buffer/0.weight", new float[6]);
        Optimizer adam = create("adam", Map.of());

        assertThatThrownBy(() -> adam.loadState(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("optimizer adam: unexpected state entry 'momentum_buffer/0.weight'")
                .hasMessageContaining("exp_avg, exp_avg_sq, max_exp_avg_sq");

        state.remove("momentum_buffer/0.weight");
        state.put("step/0.weight", new float[] {1.5f});
        assertThatThrownBy(() -> adam.loadState(state))
                .hasMessage("optimizer adam: state entry 'step/0.weight' must be a whole number of steps >= 0, got 1.5");

        state.put("step/0.weight", new float[] {1, 2});
        assertThatThrownBy(() -> adam.loadState(state))
                .hasMessage("optimizer adam: state entry 'step/0.weight' must hold one step count, got 2 values");

        state.remove("step");
        state.put("step/0.weight", new float[] {1});
        assertThatThrownBy(() -> adam.loadState(state))
                .hasMessage("optimizer adam: state entry 'step' must hold one step count, got none");
    }

    @Test
    void rejectsBuffersOfOneParameterWithDifferentLengths() {
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put("optimizer/adam", new float[0]);
        state.put("step", new float[] {1});
        state.put("exp_avg/0.weight", new float[6]);
        state.put("exp_avg_sq/0.weight", new float[5]);

        assertThatThrownBy(() -> create("adam", Map.of()).loadState(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer adam: state buffers 'exp_avg_sq/0.weight' (5 values) and 'exp_avg/0.weight'"
                        + " (6 values) belong to one parameter but differ in length");
    }

    @Test
    void aBufferThatDoesNotFitItsParameterFailsAtTheNextStep() {
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put("optimizer/sgd", new float[0]);
        state.put("step", new float[] {1});
        state.put("step/0.bias", new float[] {1});
        state.put("momentum_buffer/0.bias", new float[4]);
        Optimizer sgd = create("sgd", Map.of("momentum", 0.9));
        sgd.loadState(state);
        QuadraticProblem problem = new QuadraticProblem();

        assertThatThrownBy(() -> problem.step(sgd))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("optimizer sgd: state buffer momentum_buffer/0.bias has 4 values but parameter 0.bias has 3;"
                        + " was the state saved for another model?");
    }

    @Test
    void aRejectedStateLeavesTheCurrentOneInPlace() {
        QuadraticProblem problem = new QuadraticProblem();
        Optimizer adam = create("adam", Map.of());
        problem.step(adam);
        Map<String, float[]> before = adam.state();
        Map<String, float[]> broken = new LinkedHashMap<>(before);
        broken.put("exp_avg_sq/0.bias", new float[7]);

        assertThatThrownBy(() -> adam.loadState(broken)).isInstanceOf(IllegalArgumentException.class);

        assertThat(adam.state().get("exp_avg_sq/0.bias")).containsExactly(before.get("exp_avg_sq/0.bias"));
        assertThat(adam.state().get("step")).containsExactly(1f);
    }
}
