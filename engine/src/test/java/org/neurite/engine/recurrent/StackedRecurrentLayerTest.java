package org.neurite.engine.recurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.RecurrentCell;
import org.neurite.api.RecurrentLayerProvider;

/**
 * The shared recurrent stack on the engine's backend against PyTorch's {@code nn.RNN},
 * {@code nn.LSTM} and {@code nn.GRU}: every fixture of {@code src/test/resources/recurrent/}
 * (uni- and bidirectional, stacked, with initial states, masked).
 */
public class StackedRecurrentLayerTest {

    static Stream<Path> fixtures() {
        List<Path> list = TorchRecurrentFixture.files("");
        assertThat(list).hasSizeGreaterThanOrEqualTo(16);
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theEnginesFusedSequencesMatchPyTorch(Path file) {
        TorchRecurrentFixture fixture = TorchRecurrentFixture.read(file);
        fixture.check(fixture.create(provider(fixture.cell())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theApisComposedSequencesMatchPyTorch(Path file) {
        TorchRecurrentFixture fixture = TorchRecurrentFixture.read(file);
        fixture.check(fixture.create(provider(fixture.cell()), ComposedBackend.create()));
    }

    /** A provider of the cell, as the plugins make them (the rnn one also reads nonlinearity). */
    public static RecurrentLayerProvider provider(RecurrentCell cell) {
        return new RecurrentLayerProvider() {
            @Override
            protected RecurrentCell cell(Options options) {
                return cell;
            }

            @Override
            public List<OptionSpec> options() {
                return withCommon(List.of(OptionSpec.optional("nonlinearity", OptionType.STRING, "tanh", "tanh or relu")));
            }

            @Override
            public String name() {
                return cell.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public String description() {
                return "the " + name() + " cell";
            }
        };
    }
}
