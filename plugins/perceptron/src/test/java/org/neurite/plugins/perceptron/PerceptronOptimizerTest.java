package org.neurite.plugins.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Initializer;
import org.neurite.api.OptionException;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.registry.Components;

class PerceptronOptimizerTest {

    private static final Initializer ZEROS = Components.builtIns().initializer("zeros", Options.empty());

    private final PerceptronOptimizerProvider provider = new PerceptronOptimizerProvider();

    private static Parameter parameter(float[] values, float[] gradient) {
        Parameter p = CpuBackend.instance().parameter(Shape.of(values.length), ZEROS, new SplittableRandom(0));
        System.arraycopy(values, 0, p.data(), 0, values.length);
        if (gradient != null) {
            // d(sum(g * p))/dp = g
            p.value().mul(CpuBackend.instance().tensor(gradient, Shape.of(gradient.length))).sum().backward();
        }
        return p;
    }

    @Test
    void aStepSubtractsTheRateTimesTheGradient() {
        Parameter w = parameter(new float[] {1, 2, 3}, new float[] {1, 0, -1});
        Parameter untouched = parameter(new float[] {5}, null);
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        parameters.put("w", w);
        parameters.put("no_gradient", untouched);

        Optimizer optimizer = provider.create(Options.of("optimizer", Map.of("lr", 0.5)));
        optimizer.step(parameters);

        assertThat(w.data()).containsExactly(0.5f, 2, 3.5f);
        assertThat(untouched.data()).containsExactly(5);
    }

    @Test
    void theDefaultRateIsOne() {
        assertThat(provider.create(Options.of("optimizer", Map.of())).learningRate()).isEqualTo(1.0);
    }

    @Test
    void itsStateIsTheStepCountAndResumes() {
        PerceptronOptimizer optimizer = (PerceptronOptimizer) provider.create(Options.empty());
        Map<String, Parameter> parameters = Map.of("w", parameter(new float[] {1}, new float[] {1}));
        optimizer.step(parameters);
        optimizer.step(parameters);

        PerceptronOptimizer resumed = (PerceptronOptimizer) provider.create(Options.empty());
        resumed.loadState(optimizer.state());

        assertThat(optimizer.state()).containsOnlyKeys("optimizer/perceptron", "step");
        assertThat(resumed.steps()).isEqualTo(2);
    }

    @Test
    void anotherOptimizersStateIsRejected() {
        Optimizer optimizer = provider.create(Options.empty());
        Map<String, float[]> adam = Components.builtIns().optimizer("adam", Options.empty()).state();

        assertThatThrownBy(() -> optimizer.loadState(adam))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not saved by this kind of optimizer");
    }

    @Test
    void optionErrorsNameTheKeyPath() {
        assertThatThrownBy(() -> provider.create(Options.of("optimizer", Map.of("lr", 0))))
                .isInstanceOf(OptionException.class)
                .hasMessage("optimizer.lr: must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> provider.create(Options.of("optimizer", Map.of("momentum", 0.9))))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("optimizer.momentum: unknown option");
    }
}
