package org.neurite.plugins.cnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Shapes inferred before any data, gradients against finite differences, channel dropout's
 * behaviour, and the one-line errors for what cannot work, each naming the layer's place.
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
    void gradientsPassFiniteDifferences() {
        List<Object[]> cases = List.of(
                new Object[] {List.of(3, 5, 6), layer("type", "conv2d", "filters", 4, "kernel", 3, "stride", List.of(2, 1),
                        "padding", List.of(2, 0, 1, 1), "dilation", List.of(1, 2), "groups", 1, "activation", "tanh")},
                new Object[] {List.of(4, 5, 5), layer("type", "conv2d", "filters", 4, "kernel", 3, "padding", "same",
                        "groups", 4)},
                new Object[] {List.of(4, 9), layer("type", "conv1d", "filters", 2, "kernel", 3, "padding",
                        List.of(1, 2), "groups", 2)},
                new Object[] {List.of(2, 3, 3), layer("type", "conv_transpose2d", "filters", 3, "kernel", 3,
                        "stride", 2, "padding", 1, "output_padding", 1)},
                new Object[] {List.of(2, 6, 5), layer("type", "avg_pool2d", "kernel", 3, "stride", 2, "padding", 1)},
                new Object[] {List.of(2, 4, 5), layer("type", "global_avg_pool")},
                new Object[] {List.of(2, 3, 4), layer("type", "upsample", "size", List.of(5, 7), "mode", "bilinear")},
                new Object[] {List.of(2, 3, 4), layer("type", "zero_pad2d", "padding", List.of(1, 2))});
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Sequential m = model((List<Integer>) c[0], (Map<String, Object>) c[1]);
            checkGradients(m, c[1].toString());
        }
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
                "model.layers[0] (conv2d): kernel [7, 7] is larger than the padded input (padding [1, 1, 1, 1])"
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
                "model.layers[0] (max_pool2d): kernel [4, 4] is larger than the padded input (padding [0, 0]) (the"
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

    /**
     * Central differences of {@code L = sum(w * model(x))} for a fixed random {@code w}, in double
     * precision from float outputs, against the backpropagated gradient of the input and of every
     * trainable parameter: relative error below 2 % unless both are below 1e-3.
     */
    private static void checkGradients(Sequential m, String label) {
        SplittableRandom random = new SplittableRandom(5);
        int[] dims = new int[m.inputShape().rank() + 1];
        dims[0] = 2;
        System.arraycopy(m.inputShape().dims(), 0, dims, 1, m.inputShape().rank());
        Shape shape = Shape.of(dims);
        float[] xv = new float[(int) shape.size()];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = (float) random.nextDouble(-1, 1);
        }
        CpuTensor x = CpuTensor.wrap(xv, shape).requireGrad();
        Tensor y = m.forward(x, Mode.TRAINING);
        float[] w = new float[(int) y.shape().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-1, 1);
        }
        y.backward(CpuTensor.wrap(w, y.shape()));
        List<float[]> values = new ArrayList<>(List.of(xv));
        List<float[]> grads = new ArrayList<>(List.of(x.gradArray()));
        for (Parameter p : m.parameters().values()) {
            if (p.trainable()) {
                values.add(p.data());
                grads.add(p.gradient().clone());
            }
        }
        double h = 1e-2;
        for (int t = 0; t < values.size(); t++) {
            float[] v = values.get(t);
            for (int i = 0; i < v.length; i += Math.max(1, v.length / 60)) {
                float keep = v[i];
                v[i] = (float) (keep + h);
                double plus = loss(m, xv, shape, w);
                v[i] = (float) (keep - h);
                double minus = loss(m, xv, shape, w);
                v[i] = keep;
                double numeric = (plus - minus) / (2 * h);
                double analytic = grads.get(t)[i];
                double error = Math.abs(analytic - numeric) / (Math.abs(analytic) + Math.abs(numeric));
                if (Math.abs(analytic) > 1e-3 || Math.abs(numeric) > 1e-3) {
                    assertThat(error).as("%s: tensor %d element %d, analytic %s, numeric %s", label, t, i, analytic,
                            numeric).isLessThan(2e-2);
                }
            }
        }
    }

    private static double loss(Sequential m, float[] x, Shape shape, float[] w) {
        float[] y = m.forward(CpuTensor.wrap(x, shape), Mode.TRAINING).toArray();
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (double) y[i] * w[i];
        }
        return s;
    }
}
