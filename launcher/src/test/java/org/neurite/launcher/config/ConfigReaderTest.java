package org.neurite.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static ConfigDocument yaml(String text) {
        return ConfigReader.read(text, "config.yaml", Path.of("/configs"), false);
    }

    @Test
    void keepsTheLineOfEveryKeyAndListItem() {
        ConfigDocument doc = yaml("""
                name: demo
                model:
                  input: [2]
                  layers:
                    - {type: dense, units: 4}
                    - type: dense
                      units: 2
                """);

        assertThat(doc.locate("name")).isEqualTo("config.yaml:1");
        assertThat(doc.locate("model.input")).isEqualTo("config.yaml:3");
        assertThat(doc.locate("model.layers[0].units")).isEqualTo("config.yaml:5");
        assertThat(doc.locate("model.layers[1]")).isEqualTo("config.yaml:6");
        assertThat(doc.locate("model.layers[1].units")).isEqualTo("config.yaml:7");
        // a key that is not written is placed at the closest one that is
        assertThat(doc.locate("model.layers[1].activation")).isEqualTo("config.yaml:6");
        assertThat(doc.locate("training.epochs")).isEqualTo("config.yaml");
    }

    @Test
    void readsPlainValues() {
        ConfigDocument doc = yaml("a: 3\nb: 0.5\nc: relu\nd: true\ne: [1, 2]\nf: \"7\"\n");

        assertThat(doc.values()).containsExactly(Map.entry("a", 3), Map.entry("b", 0.5), Map.entry("c", "relu"),
                Map.entry("d", true), Map.entry("e", List.of(1, 2)), Map.entry("f", "7"));
    }

    @Test
    void readsJsonWithLines() {
        ConfigDocument doc = ConfigReader.read("{\n  \"seed\": 1,\n  \"training\": {\n    \"epochs\": 2\n  }\n}",
                "run.json", Path.of("."), true);

        assertThat(doc.values()).containsEntry("seed", 1);
        assertThat(doc.locate("training.epochs")).isEqualTo("run.json:4");
    }

    @Test
    void aSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> yaml("name: a\nmodel: {input: [2]\nseed: 1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.yaml:")
                .hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> yaml("seed: 1\nseed: 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.yaml:2: seed: the key is given twice");
    }

    @Test
    void theTopLevelMustBeAMap() {
        assertThatThrownBy(() -> yaml("- 1\n- 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a map of settings");
        assertThatThrownBy(() -> yaml(""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("an empty file");
    }
}
