package org.neurite.plugins.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.check.TorchFixture;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Every layer against the PyTorch module it stands for ({@code fixtures/make_fixtures.py}): the
 * module's state dict loads by name into the layer, and outputs, input gradients and parameter
 * gradients agree within 1e-4 relative.
 */
class TorchParityTest {

    private static final List<String> INPUTS = List.of("ids", "x", "image", "memory", "mask");

    static Stream<TorchFixture> cases() {
        return TorchFixture.cases("/fixtures/layers.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesTorch(TorchFixture c) {
        List<CpuTensor> inputs = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (String name : INPUTS) {
            if (c.has(name)) {
                CpuTensor t = c.tensor(name);
                if (c.has("d" + name)) {
                    t.requireGrad();
                }
                inputs.add(t);
                shapes.add(t.shape().sub(1, t.shape().rank()));
            }
        }
        Layer layer = PluginComponents.layer((String) c.raw("type"), (Map<String, Object>) c.raw("options"), shapes);
        Map<String, CpuTensor> state = c.tensors("state");
        assertThat(layer.parameters().keySet()).containsExactlyInAnyOrderElementsOf(state.keySet());
        state.forEach((name, value) -> {
            Parameter p = layer.parameters().get(name);
            assertThat(p.shape()).as(name).isEqualTo(value.shape());
            System.arraycopy(value.data(), 0, p.data(), 0, value.size());
        });

        Tensor out = layer instanceof MultiInputLayer m ? m.forward(List.copyOf(inputs), Mode.TRAINING)
                : layer.forward(inputs.get(0), Mode.TRAINING);

        c.assertClose("out", out.toArray(), 1e-4, 1e-5);
        if (!c.has("grad")) {
            return;
        }
        out.backward(c.tensor("grad"));
        for (int i = 0; i < inputs.size(); i++) {
            String name = INPUTS.stream().filter(c::has).toList().get(i);
            if (c.has("d" + name)) {
                c.assertClose("d" + name, inputs.get(i).gradArray(), 1e-4, 1e-5);
            }
        }
        c.tensors("param_grads").forEach((name, expected) ->
                TorchFixture.assertClose(c + ": " + name + " gradient", layer.parameters().get(name).gradient(),
                        expected.data(), 1e-4, 1e-5));
    }
}
