package org.neurite.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object value = Json.read("{\"b\": 1, \"a\": [true, false, null], \"x\": -2.5e1, \"s\": \"q\\\"\\\\\\/\\n\\t\\u00e9\\ud83d\\ude00\", \"o\": {}, \"l\": []}");

        assertThat(value).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("b", "a", "x", "s", "o", "l");
        assertThat(map.get("b")).isEqualTo(1L);
        assertThat(map.get("a")).isEqualTo(Arrays.asList(true, false, null));
        assertThat(map.get("x")).isEqualTo(-25.0);
        assertThat(map.get("s")).isEqualTo("q\"\\/\n\té\uD83D\uDE00");
        assertThat(map.get("o")).isEqualTo(Map.of());
        assertThat(map.get("l")).isEqualTo(List.of());
    }

    @Test
    void integralNumbersBecomeLongsAndOthersDoubles() {
        assertThat(Json.read("0")).isEqualTo(0L);
        assertThat(Json.read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.read("1.0")).isEqualTo(1.0);
        assertThat(Json.read("1e3")).isEqualTo(1000.0);
        assertThat(Json.read("1E-2")).isEqualTo(0.01);
        // Too large for a long: kept as a double rather than failing.
        assertThat(Json.read("18446744073709551616")).isEqualTo(1.8446744073709552E19);
    }

    @Test
    void writesIndentedJsonInMapOrderWithScalarArraysOnOneLine() {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("type", "dense");
        layer.put("units", 10);
        layer.put("shape", new int[] {2, 3});
        layer.put("rate", 0.1f);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", "m\"1\n");
        model.put("layers", List.of(layer));
        model.put("empty", List.of());
        model.put("none", null);

        assertThat(Json.write(model)).isEqualTo("""
                {
                  "name": "m\\"1\\n",
                  "layers": [
                    {
                      "type": "dense",
                      "units": 10,
                      "shape": [2, 3],
                      "rate": 0.1
                    }
                  ],
                  "empty": [],
                  "none": null
                }""");
        assertThat(Json.writeCompact(model)).isEqualTo(
                "{\"name\":\"m\\\"1\\n\",\"layers\":[{\"type\":\"dense\",\"units\":10,\"shape\":[2,3],\"rate\":0.1}],"
                        + "\"empty\":[],\"none\":null}");
    }

    @Test
    void roundTripsThroughText(@TempDir Path dir) throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("unicode", "ü \u0001 \uD83D\uDE00");
        value.put("numbers", Arrays.asList(1L, -2.5, 1.0E-7, Long.MAX_VALUE, null));
        value.put("nested", Map.of("k", List.of(Map.of("deep", true))));
        Path file = dir.resolve("v.json");

        Json.write(file, value);

        assertThat(Files.readString(file)).endsWith("}\n").contains("\\u0001");
        assertThat(Json.read(file)).isEqualTo(value);
        assertThat(Json.read(Json.writeCompact(value))).isEqualTo(value);
    }

    @Test
    void errorsNameTheSourceLineAndColumn() {
        assertThatThrownBy(() -> Json.read("{\n  \"a\": 1\n  \"b\": 2\n}", "model.json"))
                .isInstanceOf(FileFormatException.class)
                .hasMessage("model.json: line 3, column 3: expected ',' or '}' in an object, found '\"'");
        assertThatThrownBy(() -> Json.read("[1, 2,]"))
                .hasMessage("JSON text: line 1, column 7: expected a value, found ']'");
        assertThatThrownBy(() -> Json.read("{\"a\": tru}"))
                .hasMessage("JSON text: line 1, column 7: expected true, found 'tru'");
        assertThatThrownBy(() -> Json.read("\"abc"))
                .hasMessage("JSON text: line 1, column 1: string is not closed before the end of the text");
        assertThatThrownBy(() -> Json.read("\"a\\qb\""))
                .hasMessage("JSON text: line 1, column 3: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found \\q");
        assertThatThrownBy(() -> Json.read("\"\\u12x4\""))
                .hasMessage("JSON text: line 1, column 2: expected four hex digits after \\u, found \"12x4\"");
        assertThatThrownBy(() -> Json.read("\"a\tb\""))
                .hasMessage("JSON text: line 1, column 3: expected a printable character or an escape in a string, found character U+0009");
        assertThatThrownBy(() -> Json.read("{} x"))
                .hasMessage("JSON text: line 1, column 4: expected the end of the text after the value, found 'x'");
        assertThatThrownBy(() -> Json.read("01"))
                .hasMessage("JSON text: line 1, column 2: expected the end of the text after the value, found '1'");
        assertThatThrownBy(() -> Json.read("-.5"))
                .hasMessage("JSON text: line 1, column 2: expected a digit, found '.'");
        assertThatThrownBy(() -> Json.read("1.e5"))
                .hasMessage("JSON text: line 1, column 3: expected a digit after the decimal point, found 'e5'");
        assertThatThrownBy(() -> Json.read("{\"a\": 1, \"a\": 2}"))
                .hasMessage("JSON text: line 1, column 10: duplicate key \"a\"");
        assertThatThrownBy(() -> Json.read("{1: 2}"))
                .hasMessage("JSON text: line 1, column 2: expected a string key, found '1'");
        assertThatThrownBy(() -> Json.read("  "))
                .hasMessage("JSON text: line 1, column 3: expected a value, found the end of the text");
    }

    @Test
    void refusesNestingThatWouldExhaustTheStack() {
        String deep = "[".repeat(100_000);

        assertThatThrownBy(() -> Json.read(deep))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("nesting deeper than 512 levels");
    }

    @Test
    void writerRefusesWhatJsonCannotHold() {
        Map<String, Object> nan = new LinkedHashMap<>();
        nan.put("lr", List.of(1.0, Double.NaN));
        assertThatThrownBy(() -> Json.write(nan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON cannot hold the number NaN at $.lr[1]");
        assertThatThrownBy(() -> Json.write(Map.of(1, 2)))
                .hasMessage("JSON object keys must be strings, found java.lang.Integer at $");
        assertThatThrownBy(() -> Json.write(List.of(new Object())))
                .hasMessage("JSON cannot hold a java.lang.Object at $[0]");
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(Json.write(withNull)).isEqualTo("[null]");
    }

    @Test
    void aNumberBeyondTheDoubleRangeIsRefusedWhereItIsWritten() {
        assertThatThrownBy(() -> Json.read("{\"lr\": 1e999}", "model.json"))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("model.json: line 1, column 8: expected a number within the range of a double");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheByte(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("model.json");
        java.nio.file.Files.write(file, new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'});

        assertThatThrownBy(() -> Json.read(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(file + ": byte 2: not UTF-8 text: the bytes 0xFF are no UTF-8 character");
    }
}
