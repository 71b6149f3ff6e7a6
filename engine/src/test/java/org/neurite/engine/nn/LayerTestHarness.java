package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.GradCheck;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The checks every layer gets, run for each row of its table ({@link LayerCase}), with the layer
 * built as the only layer of a model config ({@code model.layers[0]}):
 * <ol>
 * <li>shapes: {@code outputShape} without data, the forward's actual shape in both modes, the
 *     number of trainable scalars, and PyTorch-style parameter names;</li>
 * <li>config round trip: {@code architecture()} rebuilds a model with another seed that, given
 *     the same weights, computes the same output;</li>
 * <li>gradients of the forward with respect to the input and every trainable parameter, against
 *     finite differences ({@link GradCheck}); a layer that draws random numbers is rebuilt from
 *     the same seed for every evaluation, so it draws the same mask;</li>
 * <li>training: plain SGD on a mean squared error to a random target, whose loss must fall;</li>
 * <li>each failure case, with its message (or the beginning of it).</li>
 * </ol>
 */
final class LayerTestHarness {

    private static final long SEED = 1;

    private LayerTestHarness() {
    }

    /**
     * @param cases the layer's table
     * @return one container of tests per case
     */
    static Stream<DynamicNode> run(List<LayerCase> cases) {
        return cases.stream().map(c -> {
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("shapes", () -> shapes(c)));
            tests.add(DynamicTest.dynamicTest("config round trip", () -> roundTrip(c)));
            tests.add(DynamicTest.dynamicTest("gradients", () -> gradients(c)));
            if (c.parameterCount > 0) {
                tests.add(DynamicTest.dynamicTest("training lowers the loss", () -> training(c)));
            }
            for (LayerCase.Failure f : c.failures) {
                tests.add(DynamicTest.dynamicTest("rejects " + f.label(), () -> failure(c, f)));
            }
            return DynamicContainer.dynamicContainer(c.toString(), tests);
        });
    }

    /** @return a model config holding one layer of this type */
    static Map<String, Object> config(String type, Map<String, Object> options, Shape input) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("type", type);
        layer.putAll(options);
        Map<String, Object> model = new LinkedHashMap<>();
        List<Integer> dims = new ArrayList<>();
        for (int d : input.dims()) {
            dims.add(d);
        }
        model.put("input", dims);
        model.put("layers", List.of(layer));
        return model;
    }

    private static Sequential model(LayerCase c, long seed) {
        return Sequential.fromOptions(Options.of("model", config(c.type, c.options, c.input)), Components.builtIns(), seed);
    }

    private static CpuTensor input(LayerCase c, long seed) {
        int[] dims = c.input.prepend(c.batch).dims();
        if (c.indexRange == 0) {
            return GradCheck.random(seed, dims);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[Shape.of(dims).intSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(c.indexRange);
        }
        return CpuTensor.wrap(v, Shape.of(dims));
    }

    private static void shapes(LayerCase c) {
        Sequential model = model(c, SEED);
        Layer layer = model.layers().get(0);
        assertThat(layer.type()).isEqualTo(c.type);
        assertThat(layer.outputShape(c.input)).isEqualTo(c.output);
        assertThat(model.outputShape()).isEqualTo(c.output);
        Shape batched = c.output.prepend(c.batch);
        assertThat(layer.forward(input(c, 7), Mode.TRAINING).shape()).isEqualTo(batched);
        assertThat(layer.forward(input(c, 7), Mode.INFERENCE).shape()).isEqualTo(batched);
        long trainable = layer.parameters().values().stream().filter(Parameter::trainable)
                .mapToLong(p -> p.shape().size()).sum();
        assertThat(trainable).as("trainable scalars").isEqualTo(c.parameterCount);
        assertThat(model.parameters().keySet()).allMatch(name -> name.startsWith("0."))
                .hasSameSizeAs(layer.parameters().keySet());
    }

    private static void roundTrip(LayerCase c) {
        Sequential original = model(c, SEED);
        Map<String, Object> architecture = original.architecture();
        assertPlain(architecture);
        Sequential rebuilt = Sequential.fromOptions(Options.of("model", architecture), Components.builtIns(), SEED + 1);
        assertThat(rebuilt.architecture()).isEqualTo(architecture);
        assertThat(rebuilt.parameters().keySet()).containsExactlyElementsOf(original.parameters().keySet());
        original.parameters().forEach((name, p) -> {
            float[] target = rebuilt.parameters().get(name).data();
            System.arraycopy(p.data(), 0, target, 0, target.length);
        });
        CpuTensor x = input(c, 7);
        assertThat(rebuilt.forward(x, Mode.INFERENCE).toArray())
                .containsExactly(original.forward(x, Mode.INFERENCE).toArray());
    }

    /** The saved architecture holds only what JSON and YAML can write. */
    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertPlain(v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(LayerTestHarness::assertPlain);
        } else {
            assertThat(value).isInstanceOfAny(Number.class, String.class, Boolean.class);
        }
    }

    private static void gradients(LayerCase c) {
        Layer layer = model(c, SEED).layers().get(0);
        CpuTensor x = input(c, 7);
        List<CpuTensor> leaves = new ArrayList<>();
        if (c.indexRange == 0) {
            leaves.add(x);
        }
        layer.parameters().values().stream().filter(Parameter::trainable)
                .forEach(p -> leaves.add(CpuTensor.of(p.value())));
        if (c.randomForward) {
            assertThat(c.parameterCount).as("a layer rebuilt for every evaluation has no parameters").isZero();
            GradCheck.create().check(args -> model(c, SEED).layers().get(0).forward(x, c.mode),
                    leaves.toArray(CpuTensor[]::new));
        } else {
            GradCheck.create().check(args -> layer.forward(x, c.mode), leaves.toArray(CpuTensor[]::new));
        }
    }

    private static void training(LayerCase c) {
        Layer layer = model(c, SEED).layers().get(0);
        CpuTensor x = input(c, 7);
        CpuTensor target = GradCheck.random(11, c.output.prepend(c.batch).dims());
        List<Parameter> trainable = layer.parameters().values().stream().filter(Parameter::trainable).toList();
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 30; step++) {
            trainable.forEach(Parameter::zeroGradient);
            Tensor loss = MeanSquaredError.of(CpuTensor.of(layer.forward(x, c.mode)), target);
            loss.backward();
            for (Parameter p : trainable) {
                float[] data = p.data();
                float[] grad = p.gradient();
                for (int i = 0; i < data.length; i++) {
                    data[i] -= 0.1f * grad[i];
                }
            }
            last = loss.item();
            if (step == 0) {
                first = last;
            }
        }
        assertThat(last).as("loss after 30 SGD steps, from %s", first).isLessThan(0.9f * first);
    }

    private static void failure(LayerCase c, LayerCase.Failure f) {
        Shape shape = f.input() == null ? c.input : f.input();
        assertThatThrownBy(() -> Sequential.fromOptions(Options.of("model", config(c.type, f.options(), shape)),
                Components.builtIns(), SEED))
                .isInstanceOf(f.exception())
                .hasMessageStartingWith(f.message());
    }

    /** Mean squared error, written here so that the harness depends on no loss under test. */
    private static final class MeanSquaredError {

        static CpuTensor of(CpuTensor prediction, CpuTensor target) {
            float[] y = prediction.data();
            float[] t = target.data();
            assertThat(y).hasSameSizeAs(t);
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += (double) (y[i] - t[i]) * (y[i] - t[i]);
            }
            int n = y.length;
            return CpuTensor.result("mse", new float[] {(float) (sum / n)}, Shape.scalar(), g -> {
                float[] dy = new float[n];
                for (int i = 0; i < n; i++) {
                    dy[i] = g[0] * 2f * (y[i] - t[i]) / n;
                }
                prediction.accumulateGrad(dy);
            }, prediction);
        }
    }
}
