package org.neurite.engine.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.neurite.engine.init.InitializerStatistics.assertBounds;
import static org.neurite.engine.init.InitializerStatistics.assertMoments;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Initializer;
import org.neurite.api.InitializerProvider;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

/** Distributions of the built-in initializers, checked on large tensors against torch.nn.init's formulas. */
class InitializersTest {

    static Initializer create(String name, Map<String, Object> options) {
        InitializerProvider provider = BuiltInInitializers.providers().stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        return provider.create(Options.of(options));
    }

    static float[] draw(Initializer initializer, Shape shape, long seed) {
        float[] values = new float[shape.intSize()];
        initializer.initialize(values, shape, new SplittableRandom(seed));
        return values;
    }

    @Test
    void constants() {
        Shape shape = Shape.of(3, 4);
        assertThat(draw(create("zeros", Map.of()), shape, 1)).containsOnly(0f).hasSize(12);
        assertThat(draw(create("ones", Map.of()), shape, 1)).containsOnly(1f).hasSize(12);
        assertThat(draw(create("constant", Map.of("value", -0.25)), shape, 1)).containsOnly(-0.25f).hasSize(12);
    }

    @Test
    void uniformBetweenBounds() {
        float[] v = draw(create("uniform", Map.of("low", -2, "high", 4)), Shape.of(256, 512), 7);

        assertBounds(v, -2, 4);
        assertMoments(v, 1, 6 / Math.sqrt(12));
    }

    @Test
    void uniformScaledByFanInMatchesTorchLinearDefault() {
        // torch.nn.Linear(400, 256): kaiming_uniform_(a=sqrt(5)) on the weight, bounds ±1/sqrt(400) = ±0.05
        float[] v = draw(create("uniform", Map.of("scale", "fan_in")), Shape.of(256, 400), 7);
        float[] same = draw(KaimingInitializer.torchLayerDefault(), Shape.of(256, 400), 7);

        assertBounds(v, -0.05, 0.05);
        assertMoments(v, 0, 0.05 / Math.sqrt(3));
        double largestDifference = 0;
        for (int i = 0; i < v.length; i++) {
            largestDifference = Math.max(largestDifference, Math.abs(same[i] - v[i]));
        }
        assertThat(largestDifference).isLessThan(1e-8);
    }

    @Test
    void uniformWithAGivenFanInServesBiases() {
        // torch.nn.Linear(400, 256).bias: uniform(±1/sqrt(400)) although the bias has shape [256]
        float[] bias = draw(create("uniform", Map.of("scale", "fan_in", "fan_in", 400)), Shape.of(65536), 3);

        assertBounds(bias, -0.05, 0.05);
        assertThat(draw(UniformInitializer.fanInScaled(400), Shape.of(65536), 3)).isEqualTo(bias);
    }

    @Test
    void normal() {
        float[] v = draw(create("normal", Map.of("mean", 2, "std", 0.5)), Shape.of(256, 512), 11);

        assertMoments(v, 2, 0.5);
    }

    @Test
    void xavierUniform() {
        // std = gain * sqrt(2 / (fan_in + fan_out)) = sqrt(2 / 800); bound = sqrt(3) * std
        float[] v = draw(create("xavier_uniform", Map.of()), Shape.of(300, 500), 5);
        double bound = Math.sqrt(6.0 / 800);

        assertBounds(v, -bound, bound);
        assertMoments(v, 0, Math.sqrt(2.0 / 800));
    }

    @Test
    void xavierNormalOnAConvolutionWeight() {
        // [64, 32, 3, 3]: fan_in = 32 * 9 = 288, fan_out = 64 * 9 = 576
        float[] v = draw(create("xavier_normal", Map.of("gain", 2.0)), Shape.of(64, 32, 3, 3), 5);

        assertMoments(v, 0, 2 * Math.sqrt(2.0 / (288 + 576)));
    }

    @Test
    void kaimingUniformDefaultsToTorch() {
        // torch defaults: a=0, mode=fan_in, nonlinearity=leaky_relu, so gain sqrt(2) and std sqrt(2 / 512)
        float[] v = draw(create("kaiming_uniform", Map.of()), Shape.of(256, 512), 9);
        double std = Math.sqrt(2.0 / 512);

        assertBounds(v, -Math.sqrt(3) * std, Math.sqrt(3) * std);
        assertMoments(v, 0, std);
    }

    @Test
    void kaimingNormalWithFanOutAndTanh() {
        // gain 5/3, fan_out = 64 * 9 = 576
        float[] v = draw(create("kaiming_normal", Map.of("mode", "fan_out", "nonlinearity", "tanh")),
                Shape.of(64, 32, 3, 3), 9);

        assertMoments(v, 0, 5.0 / 3 / Math.sqrt(576));
    }

    @Test
    void kaimingUsesTheLeakySlope() {
        // gain sqrt(2 / (1 + 0.2²)) = 1.3867504905630728 (torch.nn.init.calculate_gain('leaky_relu', 0.2))
        float[] v = draw(create("kaiming_normal", Map.of("a", 0.2)), Shape.of(256, 512), 9);

        assertMoments(v, 0, 1.3867504905630728 / Math.sqrt(512));
    }

    @Test
    void heAliasesDefaultToRelu() {
        Shape shape = Shape.of(128, 256);
        assertThat(draw(create("he_normal", Map.of()), shape, 4))
                .isEqualTo(draw(create("kaiming_normal", Map.of("nonlinearity", "relu")), shape, 4));
        assertThat(draw(create("he_uniform", Map.of("mode", "fan_out")), shape, 4))
                .isEqualTo(draw(create("kaiming_uniform", Map.of("nonlinearity", "relu", "mode", "fan_out")),
                        shape, 4));
        assertMoments(draw(create("he_uniform", Map.of()), shape, 4), 0, Math.sqrt(2.0 / 256));
    }

    @Test
    void gainsMatchTorch() {
        // torch.nn.init.calculate_gain(name, param)
        assertThat(Nonlinearity.LINEAR.gain(0)).isEqualTo(1.0);
        assertThat(Nonlinearity.SIGMOID.gain(0)).isEqualTo(1.0);
        assertThat(Nonlinearity.TANH.gain(0)).isEqualTo(1.6666666666666667);
        assertThat(Nonlinearity.RELU.gain(0.3)).isEqualTo(1.4142135623730951);
        assertThat(Nonlinearity.LEAKY_RELU.gain(0)).isEqualTo(1.4142135623730951);
        assertThat(Nonlinearity.LEAKY_RELU.gain(0.2)).isCloseTo(1.3867504905630728, within(1e-15));
        assertThat(Nonlinearity.LEAKY_RELU.gain(Math.sqrt(5))).isCloseTo(0.5773502691896257, within(1e-15));
    }

    @Test
    void rejectsStorageThatDoesNotMatchTheShape() {
        assertThatThrownBy(() -> create("xavier_uniform", Map.of()).initialize(new float[5], Shape.of(2, 3),
                new SplittableRandom(1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("initializer xavier_uniform: 5 values for shape [2, 3] of 6 elements");
    }

    @Test
    void leavesAnEmptyParameterAlone() {
        float[] empty = new float[0];
        create("kaiming_uniform", Map.of()).initialize(empty, Shape.of(0, 3), new SplittableRandom(1));
        create("orthogonal", Map.of()).initialize(empty, Shape.of(4, 0), new SplittableRandom(1));
        assertThat(empty).isEmpty();
    }
}
