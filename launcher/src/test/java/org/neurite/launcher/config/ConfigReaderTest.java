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

    @Test
    void aYamlSyntaxErrorKeepsTheParsersCauseLineAndColumn() {
        assertThatThrownBy(() -> yaml("name: x\ndata: {train: {format: synthetic name: xor}}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.yaml:2: not valid YAML at line 2, column 38: expected ',' or '}', but got :"
                        + " (while parsing a flow mapping that starts at line 2, column 15)");
        assertThatThrownBy(() -> yaml("name: x\ndata:\n\ttrain: 1\n"))
                .hasMessageStartingWith("config.yaml:3: not valid YAML at line 3, column 1: found character '\\t(TAB)'");
    }

    @Test
    void aliasesAreExpandedAsIfWrittenAgain() {
        ConfigDocument doc = yaml("""
                data:
                  train: &src {format: synthetic, name: xor}
                  test: *src
                """);

        assertThat(doc.values().get("data")).isEqualTo(Map.of(
                "train", Map.of("format", "synthetic", "name", "xor"),
                "test", Map.of("format", "synthetic", "name", "xor")));
        assertThatThrownBy(() -> yaml("a: 1\nb: *nowhere\n"))
                .hasMessageContaining("*nowhere");
    }

    @Test
    void aFolderOrTextThatIsNotUtf8IsNamedAsSuch(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConfigReader.read(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": is a folder; expected a config file (YAML or JSON)");
        Path latin1 = dir.resolve("latin1.yaml");
        java.nio.file.Files.write(latin1, new byte[] {'n', 'a', 'm', 'e', ':', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigReader.read(latin1))
                .hasMessage(latin1 + ": byte 9: not UTF-8 text: the bytes 0xE9 are no UTF-8 character");
    }
}
