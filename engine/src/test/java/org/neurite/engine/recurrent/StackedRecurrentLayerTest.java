package org.neurite.engine.recurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.Options;
import org.neurite.api.RecurrentCell;
import org.neurite.api.RecurrentLayerProvider;
import org.neurite.api.StackedRecurrentLayer;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;
import org.neurite.api.Shape;

/**
 * The shared recurrent stack on the engine's backend against PyTorch's {@code nn.RNN},
 * {@code nn.LSTM} and {@code nn.GRU}: every fixture of {@code src/test/resources/recurrent/}
 * (uni- and bidirectional, stacked, with initial states, masked).
 */
class StackedRecurrentLayerTest {

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(TorchRecurrentFixture.FOLDER)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".safetensors")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(16);
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesPyTorch(Path file) {
        TorchRecurrentFixture fixture = TorchRecurrentFixture.read(file);
        StackedRecurrentLayer layer = create(fixture.cell(), fixture);
        fixture.loadInto(layer);
        fixture.check(layer);
    }

    static StackedRecurrentLayer create(RecurrentCell cell, TorchRecurrentFixture fixture) {
        RecurrentLayerProvider provider = new RecurrentLayerProvider() {
            @Override
            protected RecurrentCell cell(Options options) {
                return cell;
            }

            @Override
            public String name() {
                return cell.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public String description() {
                return "test";
            }
        };
        return (StackedRecurrentLayer) provider.create(Options.of("model.layers[0]", fixture.options()),
                Shape.of(5, fixture.inputSize()), EngineLayerContext.seeded(Components.builtIns(), 0, "model.layers[0]"));
    }
}
