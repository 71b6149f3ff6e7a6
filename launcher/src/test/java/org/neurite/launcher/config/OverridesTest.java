package org.neurite.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OverridesTest {

    private static ConfigDocument doc() {
        return ConfigReader.read("""
                training: {epochs: 10}
                model:
                  input: [2]
                  layers:
                    - {type: dense, units: 4}
                """, "config.yaml", Path.of("."), false);
    }

    @Test
    void setsValuesAtDottedPathsWithIndices() {
        ConfigDocument doc = doc();
        Overrides.apply(doc, List.of("training.epochs=3", "model.layers[0].units=64", "optimizer.lr=0.01",
                "model.layers[1]={type: dense, units: 2}", "model.input=[4]"));

        Map<String, Object> v = doc.values();
        assertThat(((Map<?, ?>) v.get("training")).get("epochs")).isEqualTo(3);
        assertThat(v.get("optimizer")).isEqualTo(Map.of("lr", 0.01));
        Map<?, ?> model = (Map<?, ?>) v.get("model");
        assertThat(model.get("input")).isEqualTo(List.of(4));
        assertThat(model.get("layers")).isEqualTo(List.of(Map.of("type", "dense", "units", 64),
                Map.of("type", "dense", "units", 2)));
    }

    @Test
    void aReplacedValueIsPlacedAtItsSet() {
        ConfigDocument doc = doc();
        Overrides.apply(doc, List.of("model.layers[0]={type: dense, units: x}"));

        assertThat(doc.locate("model.layers[0].units")).isEqualTo("--set model.layers[0]={type: dense, units: x}");
        assertThat(doc.locate("model.input")).isEqualTo("config.yaml:3");
    }

    @Test
    void malformedOverridesAreAllReported() {
        assertThatThrownBy(() -> Overrides.apply(doc(), List.of("epochs", "model.layers[5].units=3",
                "training.epochs.x=1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(Object::toString)
                        .containsExactly("--set epochs: expected key=value, such as training.epochs=5",
                                "--set model.layers[5].units=3: model.layers has 1 items, so [5] can neither replace"
                                        + " one nor be appended",
                                "--set training.epochs.x=1: training.epochs is not a map, so it has no key 'x'"));
    }
}
