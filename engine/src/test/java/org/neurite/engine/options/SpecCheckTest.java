package org.neurite.engine.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionSpec.Range;
import org.neurite.api.OptionType;
import org.neurite.api.Options;

class SpecCheckTest {

    private static final List<OptionSpec> SPECS = List.of(
            OptionSpec.required("units", OptionType.INTEGER, "Outputs.").atLeast(1),
            OptionSpec.optional("p", OptionType.NUMBER, 0.5, "Drop probability.").range(Range.closedOpen(0, 1)),
            OptionSpec.optional("mode", OptionType.STRING, "fan_in", "Fan.").oneOf("fan_in", "fan_out"),
            OptionSpec.optional("activation", OptionType.COMPONENT, null, "Activation."),
            OptionSpec.optional("sizes", OptionType.INTEGERS, 3, "Sizes.").atLeast(1));

    private static Options at(Map<String, ?> values) {
        return Options.of("model.layers[1]", values);
    }

    @Test
    void fillsInDefaultsFromTheSpecsAndLeavesNoDefaultAbsent() {
        Options checked = SpecCheck.checked(at(Map.of("units", 4)), SPECS);
        assertThat(checked.asMap()).containsExactly(Map.entry("units", 4), Map.entry("p", 0.5), Map.entry("mode", "fan_in"),
                Map.entry("sizes", 3));
        assertThat(checked.path()).isEqualTo("model.layers[1]");
    }

    @Test
    void everyProblemIsNamedAtItsKeyPath() {
        assertThat(SpecCheck.problems(at(Map.of("unts", 4, "p", 1.0, "mode", "fan_out2", "activation", 3,
                "sizes", List.of(2, 0))), SPECS)).extracting(Throwable::getMessage).containsExactly(
                "model.layers[1].unts: unknown option (did you mean 'units'?); known options: units, p, mode, activation,"
                        + " sizes",
                "model.layers[1].units: is required but missing",
                "model.layers[1].p: must be in [0, 1), got 1",
                "model.layers[1].mode: unknown value \"fan_out2\" (did you mean 'fan_out'?); expected one of fan_in, fan_out",
                "model.layers[1].activation: expected a name or a map with a name and options, got 3",
                "model.layers[1].sizes[1]: must be >= 1, got 0");
    }

    @Test
    void typesAreCheckedWithTheApisMessages() {
        assertThatThrownBy(() -> SpecCheck.checked(at(Map.of("units", "four")), SPECS))
                .isInstanceOf(OptionException.class).hasMessage("model.layers[1].units: expected a whole number, got \"four\"");
        assertThatThrownBy(() -> SpecCheck.checked(at(Map.of("units", 0)), SPECS))
                .hasMessage("model.layers[1].units: must be >= 1, got 0");
    }

    @Test
    void aComponentIsANameOrAMapWithAName() {
        assertThat(SpecCheck.problems(at(Map.of("units", 1, "activation", Map.of("name", "leaky_relu", "slope", 0.1))),
                SPECS)).isEmpty();
        assertThat(SpecCheck.problems(at(Map.of("units", 1, "activation", Map.of("slope", 0.1))), SPECS))
                .extracting(Throwable::getMessage).containsExactly("model.layers[1].activation.name: is required but missing");
    }

    @Test
    void stringsAreOneStringOrAListOfThem() {
        List<OptionSpec> names = List.of(OptionSpec.optional("outputs", OptionType.STRINGS, null, "Names."),
                OptionSpec.optional("sides", OptionType.STRINGS, null, "Sides.").oneOf("left", "right"));
        assertThat(SpecCheck.problems(at(Map.of("outputs", "logits", "sides", List.of("left", "right"))), names)).isEmpty();
        assertThat(SpecCheck.problems(at(Map.of("outputs", List.of("logits", 2), "sides", "lft")), names))
                .extracting(Throwable::getMessage).containsExactly(
                        "model.layers[1].outputs[1]: expected a string, got 2",
                        "model.layers[1].sides: unknown value \"lft\" (did you mean 'left'?); expected one of left, right");
        assertThat(SpecCheck.problems(at(Map.of("outputs", 3)), names)).extracting(Throwable::getMessage)
                .containsExactly("model.layers[1].outputs: expected a string or a list of strings, got 3");
    }

    @Test
    void otherKeysPassWhenTheSpecsSaySo() {
        List<OptionSpec> open = List.of(OptionSpec.required("function", OptionType.STRING, "Name."),
                OptionSpec.otherKeys("The function's own options."));
        assertThat(SpecCheck.problems(at(Map.of("function", "leaky_relu", "slope", 0.2)), open)).isEmpty();
    }
}
