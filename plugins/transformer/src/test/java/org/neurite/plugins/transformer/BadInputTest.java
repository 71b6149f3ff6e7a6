package org.neurite.plugins.transformer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.plugins.transformer.PluginComponents.layer;
import static org.neurite.plugins.transformer.PluginComponents.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.OptionException;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.CpuBackend;

/** Each mistake is one line naming the layer, or the option's key path. */
class BadInputTest {

    @Test
    void aWidthNotDivisibleByTheHeads() {
        assertThatThrownBy(() -> model(List.of(5, 10), List.of(Map.of("type", "multi_head_attention", "heads", 4))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].heads: the width 10 is not divisible by 4 heads");
        assertThatThrownBy(() -> model(List.of(5, 10), List.of(
                Map.of("type", "transformer_encoder_layer", "heads", 3, "feedforward", 8))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].heads: the width 10 is not divisible by 3 heads");
    }

    @Test
    void aMaskOfTheWrongShape() {
        assertThatThrownBy(() -> layer("multi_head_attention", Map.of("heads", 2), List.of(Shape.of(5, 4), Shape.of(6))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("multi_head_attention: the padding mask [6] must be [5], one value per key, got [[5, 4], [6]]");
        Layer attention = layer("multi_head_attention", Map.of("heads", 2), List.of(Shape.of(5, 4), Shape.of(5)));
        var backend = CpuBackend.instance();
        assertThatThrownBy(() -> ((MultiInputLayer) attention).forward(List.of(backend.zeros(Shape.of(2, 5, 4)),
                backend.ones(Shape.of(2, 4))), Mode.INFERENCE))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("multiHeadAttention: key padding mask [2, 4] must be [batch, lk] = [2, 5]");
    }

    @Test
    void aSequenceLongerThanThePositionalTable() {
        assertThatThrownBy(() -> model(List.of(12, 4), List.of(
                Map.of("type", "positional_encoding", "kind", "learned", "max_length", 8))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].max_length: the input has 12 steps, more than max_length 8");
        Layer table = layer("positional_encoding", Map.of("max_length", 8), List.of(Shape.of(8, 4)));
        assertThatThrownBy(() -> table.forward(CpuBackend.instance().zeros(Shape.of(1, 9, 4)), Mode.INFERENCE))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("positional_encoding: a sequence of 9 steps is longer than the table's max_length 8");
    }

    @Test
    void aDecoderWithoutTheEncodersOutput() {
        assertThatThrownBy(() -> model(List.of(5, 8), List.of(
                Map.of("type", "transformer_decoder_layer", "heads", 2))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("transformer_decoder_layer: needs the encoder's output (the memory"
                        + " [source time, width]) as its second input");
    }

    @Test
    void optionsOutOfRange() {
        assertThatThrownBy(() -> model(List.of(5, 8), List.of(
                Map.of("type", "transformer_encoder_layer", "heads", 2, "activation", "tanh"))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].activation: must be one of relu, gelu, got 'tanh'");
        assertThatThrownBy(() -> model(List.of(5, 8), List.of(
                Map.of("type", "multi_head_attention", "heads", 2, "dropout", 1.5))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].dropout: must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> model(List.of(28, 28), List.of(Map.of("type", "patch_embedding", "patch", 5, "dim", 8))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("patch_embedding: images [28, 28] do not divide into patches of 5 x 5");
        assertThatThrownBy(() -> model(List.of(5, 8), List.of(Map.of("type", "multi_head_attention", "head", 2))))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("model.layers[0].head: unknown option");
    }
}
