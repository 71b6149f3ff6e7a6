package org.neurite.engine.loss;

import static org.assertj.core.api.Assertions.assertThat;
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

/** mse, mae and huber over every step of [batch, time, features], padded steps ignored; see per_step_regression_losses.py. */
class PerStepRegressionLossesTest {

    private static final float NAN = Loss.IGNORED_VALUE;

    @Test
    void perStepRegressionLossesIgnoringPaddingMatchTorch() throws IOException {
        Map<?, ?> fixture = fixture();
        Shape shape = Shape.of(((List<?>) fixture.get("shape")).stream().mapToInt(v -> ((Number) v).intValue()).toArray());
        CpuTensor targets = CpuTensor.wrap(floats(fixture.get("targets")), shape);
        for (Object c : (List<?>) fixture.get("cases")) {
            Map<?, ?> ref = (Map<?, ?>) c;
            String name = (String) ref.get("name");
            Loss loss = switch (name) {
                case "mse" -> new MeanSquaredError();
                case "mae" -> new MeanAbsoluteError();
                default -> new HuberLoss(((Number) ((Map<?, ?>) ref.get("options")).get("delta")).floatValue());
            };
            CpuTensor prediction = CpuTensor.wrap(floats(fixture.get("prediction")), shape).requireGrad();
            Tensor value = loss.compute(prediction, targets);
            assertClose(name + " loss " + ref.get("options"), value.toArray(), ((Number) ref.get("loss")).doubleValue());
            value.backward();
            assertClose(name + " gradient " + ref.get("options"), prediction.grad().toArray(),
                    ((List<?>) ref.get("grad")).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
        }
    }

    @Test
    void ignoredStepsGetNoGradientAndTheMaskedLossPassesTheGradientCheck() {
        CpuTensor targets = CpuTensor.wrap(new float[] {0.5f, -1, 2, NAN, NAN, NAN, 1, 0, -2, 3, NAN, NAN},
                Shape.of(2, 3, 2));
        for (Loss loss : List.of(new MeanSquaredError(), new MeanAbsoluteError(), new HuberLoss(0.7f))) {
            GradCheck.create().check(in -> loss.compute(in.get(0), targets), GradCheck.random(3, 2, 3, 2));
            CpuTensor x = GradCheck.random(4, 2, 3, 2).requireGrad();
            Tensor value = loss.compute(x, targets);
            assertThat(value.item()).isFinite();
            value.backward();
            float[] g = x.grad().toArray();
            for (int i : new int[] {3, 4, 5, 10, 11}) {
                assertThat(g[i]).as(loss + " gradient at ignored element " + i).isZero();
            }
        }
    }

    @Test
    void aBatchOfPaddingOnlyCostsNothing() {
        CpuTensor x = GradCheck.random(5, 1, 2, 1).requireGrad();
        Tensor value = new MeanSquaredError().compute(x, CpuTensor.wrap(new float[] {NAN, NAN}, Shape.of(1, 2, 1)));
        value.backward();
        assertThat(value.item()).isZero();
        assertThat(x.grad().toArray()).containsExactly(0f, 0f);
    }

    private static Map<?, ?> fixture() throws IOException {
        try (InputStream in = PerStepRegressionLossesTest.class.getResourceAsStream("per_step_regression_losses.json")) {
            return (Map<?, ?>) Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** JSON's null stands for NaN, the ignored value. */
    private static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i) == null ? NAN : ((Number) l.get(i)).floatValue();
        }
        return out;
    }
}
