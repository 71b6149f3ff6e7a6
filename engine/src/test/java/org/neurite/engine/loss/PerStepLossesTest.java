package org.neurite.engine.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Close.assertClose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Loss;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.GradCheck;
import org.neurite.engine.io.Json;
import org.neurite.engine.tensor.CpuTensor;

/** Cross-entropy and NLL over every step of [batch, time, classes], padding ignored; see per_step_losses.py. */
class PerStepLossesTest {

    @Test
    void perStepLossesIgnoringPaddingMatchTorch() throws IOException {
        Map<?, ?> fixture = fixture();
        Shape shape = Shape.of(ints(fixture.get("shape")));
        CpuTensor targets = CpuTensor.wrap(floats(fixture.get("targets")), shape.sub(0, 2));
        for (Object c : (List<?>) fixture.get("cases")) {
            Map<?, ?> ref = (Map<?, ?>) c;
            String name = (String) ref.get("name");
            Map<?, ?> options = (Map<?, ?>) ref.get("options");
            Loss loss = name.equals("nll") ? new NegativeLogLikelihood()
                    : new SoftmaxCrossEntropy(options.isEmpty() ? 0f : ((Number) options.get("label_smoothing")).floatValue());
            CpuTensor input = CpuTensor.wrap(floats(fixture.get(name.equals("nll") ? "log_probabilities" : "logits")),
                    shape).requireGrad();
            Tensor value = loss.compute(input, targets);
            assertClose(loss + " loss", value.toArray(), ((Number) ref.get("loss")).doubleValue());
            value.backward();
            assertClose(loss + " gradient", input.grad().toArray(), doubles(ref.get("grad")));
        }
    }

    @Test
    void ignoredStepsGetNoGradientAndThePerStepLossPassesTheGradientCheck() {
        CpuTensor targets = CpuTensor.wrap(new float[] {2, -100, 0, 1, 4, -100}, Shape.of(2, 3));
        for (Loss loss : List.of(new SoftmaxCrossEntropy(), new SoftmaxCrossEntropy(0.2f), new NegativeLogLikelihood())) {
            GradCheck.create().check(in -> loss.compute(in.get(0), targets), GradCheck.random(7, 2, 3, 5));
            CpuTensor x = GradCheck.random(8, 2, 3, 5).requireGrad();
            loss.compute(x, targets).backward();
            float[] g = x.grad().toArray();
            for (int c = 0; c < 5; c++) {
                assertThat(g[5 + c]).isZero();
                assertThat(g[25 + c]).isZero();
            }
        }
    }

    @Test
    void namesTheStepOfABadLabelAndShapesThatDoNotFit() {
        CpuTensor logits = GradCheck.random(1, 2, 3, 4);
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().compute(logits,
                CpuTensor.wrap(new float[] {0, 1, 2, 3, 9, -100}, Shape.of(2, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: class label 9.0 at position [1, 1] is outside [0, 4) (4 classes)");
        assertThatThrownBy(() -> new NegativeLogLikelihood().compute(logits, CpuTensor.wrap(new float[6], Shape.of(3, 2))))
                .hasMessage("nll: prediction [2, 3, 4] and target [3, 2] do not fit: expected a prediction [batch, classes]"
                        + " and a target [batch] of class indices, or [batch, time, classes] and [batch, time]");
    }

    private static Map<?, ?> fixture() throws IOException {
        try (InputStream in = PerStepLossesTest.class.getResourceAsStream("per_step_losses.json")) {
            return (Map<?, ?>) Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }
}
