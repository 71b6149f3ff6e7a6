package org.neurite.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;

class OptimizerStateFileTest {

    @TempDir
    Path dir;

    /** Holds a state and nothing else, as far as saving is concerned. */
    private static final class StateOnly implements Optimizer {
        private final String name;
        private Map<String, float[]> state;

        StateOnly(String name, Map<String, float[]> state) {
            this.name = name;
            this.state = state;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void step(Map<String, Parameter> parameters) {
        }

        @Override
        public double learningRate() {
            return 0.1;
        }

        @Override
        public void setLearningRate(double learningRate) {
        }

        @Override
        public Map<String, float[]> state() {
            return state;
        }

        @Override
        public void loadState(Map<String, float[]> loaded) {
            this.state = loaded;
        }
    }

    @Test
    void savesAndRestoresTheStateOfTheSameKindOfOptimizer() throws IOException {
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put("step", new float[] {12});
        state.put("exp_avg/layers.0.weight", new float[] {0.1f, -0.2f, 0.3f});
        state.put("exp_avg_sq/layers.0.weight", new float[] {1e-8f, 2e-8f, 3e-8f});
        state.put("empty", new float[0]);
        Path file = dir.resolve("optimizer.safetensors");
        StateOnly restored = new StateOnly("adam", Map.of());

        OptimizerStateFile.save(file, new StateOnly("adam", state));
        OptimizerStateFile.load(file, restored);

        assertThat(restored.state().keySet()).containsExactly("step", "exp_avg/layers.0.weight",
                "exp_avg_sq/layers.0.weight", "empty");
        assertThat(restored.state().get("step")).containsExactly(12f);
        assertThat(restored.state().get("exp_avg/layers.0.weight")).containsExactly(0.1f, -0.2f, 0.3f);
        assertThat(restored.state().get("exp_avg_sq/layers.0.weight")).containsExactly(1e-8f, 2e-8f, 3e-8f);
        assertThat(restored.state().get("empty")).isEmpty();
        assertThat(OptimizerStateFile.read(file).optimizer()).isEqualTo("adam");
    }

    @Test
    void refusesTheStateOfAnotherOptimizer() throws IOException {
        Path file = dir.resolve("optimizer.safetensors");
        OptimizerStateFile.save(file, "sgd", Map.of("momentum/w", new float[] {1}));

        assertThatThrownBy(() -> OptimizerStateFile.load(file, new StateOnly("adam", Map.of())))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(file + ": __metadata__.optimizer: expected the state of optimizer adam, found the state of sgd");
    }

    @Test
    void refusesAWeightsFileOrAnUntaggedOne() throws IOException {
        Path weights = dir.resolve("weights.safetensors");
        WeightsFile.save(weights, Map.of());
        Path untagged = dir.resolve("untagged.safetensors");
        Safetensors.write(untagged, Map.of(), Map.of());

        assertThatThrownBy(() -> OptimizerStateFile.read(weights))
                .hasMessage(weights + ": __metadata__.format: expected a neurite-optimizer-state file, found neurite-weights");
        assertThatThrownBy(() -> OptimizerStateFile.read(untagged))
                .hasMessage(untagged + ": __metadata__.format: expected a neurite-optimizer-state file,"
                        + " found no format in the metadata");
    }
}
