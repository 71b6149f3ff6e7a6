package org.neurite.plugins.cnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Shapes inferred before any data, channel dropout's behaviour, and the one-line errors for what
 * cannot work, each naming the layer's place in the model (gradients: {@link ContractTest}).
 */
class LayerChecksTest {

    private static Sequential model(List<Integer> input, Map<String, Object> layer) {
        return PluginComponents.model(input, List.of(layer), 3);
    }

    private static Map<String, Object> layer(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void shapesAreInferredBeforeAnyData() {
        assertThat(model(List.of(1, 28, 28), layer("type", "conv2d", "filters", 32, "kernel", 3, "padding", 1))
                .outputShape()).isEqualTo(Shape.of(32, 28, 28));
        assertThat(model(List.of(3, 28, 28), layer("type", "conv2d", "filters", 8, "kernel", 5, "padding", "same",
                "dilation", 2)).outputShape()).isEqualTo(Shape.of(8, 28, 28));
        assertThat(model(List.of(3, 9, 8), layer("type", "conv2d", "filters", 6, "kernel", List.of(3, 2), "stride", 2,
                "padding", List.of(1, 0, 2, 1), "groups", 3)).outputShape()).isEqualTo(Shape.of(6, 4, 5));
        assertThat(model(List.of(4, 7, 7), layer("type", "conv_transpose2d", "filters", 2, "kernel", 2, "stride", 2))
                .outputShape()).isEqualTo(Shape.of(2, 14, 14));
        assertThat(model(List.of(4, 50), layer("type", "conv1d", "filters", 2, "kernel", 5, "stride", 3))
                .outputShape()).isEqualTo(Shape.of(2, 16));
        assertThat(model(List.of(32, 28, 28), layer("type", "max_pool2d", "kernel", 2)).outputShape())
                .isEqualTo(Shape.of(32, 14, 14));
        assertThat(model(List.of(64, 7, 7), layer("type", "global_avg_pool")).outputShape()).isEqualTo(Shape.of(64));
        assertThat(model(List.of(2, 5, 6), layer("type", "upsample", "scale_factor", List.of(2, 3)))
                .outputShape()).isEqualTo(Shape.of(2, 10, 18));
        assertThat(model(List.of(2, 5, 6), layer("type", "zero_pad2d", "padding", 2)).outputShape())
                .isEqualTo(Shape.of(2, 9, 10));
    }

    @Test
    void channelDropoutZeroesWholeChannelsInTrainingOnly() {
        Sequential m = model(List.of(16, 4, 4), layer("type", "dropout2d", "rate", 0.25));
        CpuTensor x = CpuTensor.wrap(filled(8 * 16 * 16, 1f), Shape.of(8, 16, 4, 4));
        float[] y = m.forward(x, Mode.TRAINING).toArray();
        int dropped = 0;
        for (int plane = 0; plane < 8 * 16; plane++) {
            float first = y[plane * 16];
            assertThat(first).isIn(0f, 1f / 0.75f);
            for (int p = 1; p < 16; p++) {
                assertThat(y[plane * 16 + p]).as("one value per channel").isEqualTo(first);
            }
            dropped += first == 0f ? 1 : 0;
        }
        assertThat(dropped).as("about a quarter of 128 channels").isBetween(16, 48);
        assertThat(m.forward(x, Mode.INFERENCE).toArray()).containsExactly(x.data());
    }

    @Test
    void namesWhatCannotWork() {
        assertShape(List.of(1, 4, 4), layer("type", "conv2d", "filters", 2, "kernel", 7, "padding", 1),
                "model.layers[0] (conv2d): kernel [7, 7] is larger than the input padded by [1, 1, 1, 1]"
                        + " (the input is [1, 4, 4])");
        assertOption(List.of(1, 8, 8), layer("type", "conv2d", "filters", 2, "kernel", 3, "stride", 0),
                "model.layers[0].stride: must be at least 1, got [0, 0]");
        assertShape(List.of(3, 8, 8), layer("type", "conv2d", "filters", 4, "kernel", 3, "groups", 2),
                "model.layers[0] (conv2d): groups 2 must divide the input's 3 channels (the input is [3, 8, 8])");
        assertOption(List.of(4, 8, 8), layer("type", "conv2d", "filters", 6, "kernel", 3, "groups", 4),
                "model.layers[0].groups: must divide filters 6, got 4");
        assertShape(List.of(28, 28), layer("type", "conv2d", "filters", 4, "kernel", 3),
                "model.layers[0] (conv2d): expects per-sample inputs [channels, height, width] (the input is [28, 28])");
        assertOption(List.of(1, 8, 8), layer("type", "conv2d", "filters", 2, "kernel", 3, "stride", 2, "padding",
                "same"), "model.layers[0].padding: same needs stride 1, but stride is [2, 2]");
        assertOption(List.of(1, 8, 8), layer("type", "conv2d", "filters", 2, "kernal", 3),
                "model.layers[0].kernal: unknown option (did you mean 'kernel'?)");
        assertOption(List.of(1, 8, 8), layer("type", "conv_transpose2d", "filters", 2, "kernel", 3, "stride", 2,
                "output_padding", 2), "model.layers[0].output_padding: must be smaller than the stride [2, 2] or the"
                + " dilation [1, 1] of its axis, got [2, 2]");
        assertOption(List.of(1, 8, 8), layer("type", "upsample", "scale_factor", 2, "size", 4),
                "model.layers[0].scale_factor: give exactly one of scale_factor and size");
        assertShape(List.of(1, 3, 3), layer("type", "max_pool2d", "kernel", 4),
                "model.layers[0] (max_pool2d): kernel [4, 4] is larger than the input padded by [0, 0] (the"
                        + " input is [1, 3, 3])");
    }

    @Test
    void aChannelMismatchBetweenLayersNamesBothShapes() {
        Sequential ok = PluginComponents.model(List.of(1, 8, 8), List.of(
                layer("type", "conv2d", "filters", 4, "kernel", 3)), 0);
        assertThat(ok.outputShape()).isEqualTo(Shape.of(4, 6, 6));
        CpuTensor threeChannels = CpuTensor.wrap(new float[2 * 3 * 8 * 8], Shape.of(2, 3, 8, 8));
        assertThatThrownBy(() -> ok.forward(threeChannels, Mode.INFERENCE))
                .hasMessageContaining("[2, 3, 8, 8]");
    }

    private static void assertShape(List<Integer> input, Map<String, Object> layer, String message) {
        assertThatThrownBy(() -> model(input, layer)).isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith(message);
    }

    private static void assertOption(List<Integer> input, Map<String, Object> layer, String message) {
        assertThatThrownBy(() -> model(input, layer)).isInstanceOf(OptionException.class)
                .hasMessageStartingWith(message);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
