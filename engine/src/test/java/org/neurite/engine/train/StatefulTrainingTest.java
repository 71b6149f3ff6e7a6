package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.StatefulLayer;
import org.neurite.api.Tensor;
import org.neurite.engine.train.TrainingFakes.GradientDescent;
import org.neurite.engine.train.TrainingFakes.LinearRegression;
import org.neurite.engine.train.TrainingFakes.MeanSquaredError;

/** The trainer's part in carrying state: samples in order when asked, and every epoch starts afresh. */
class StatefulTrainingTest {

    /** A model that carries state: it records its resets and the batches it trains on. */
    private static final class Carrying implements StatefulLayer {
        final LinearRegression inner = new LinearRegression(2);
        final List<String> events = new ArrayList<>();

        @Override
        public boolean carriesState() {
            return true;
        }

        @Override
        public void resetState() {
            events.add("reset");
        }

        @Override
        public String type() {
            return "carrying";
        }

        @Override
        public Options options() {
            return Options.empty();
        }

        @Override
        public Shape outputShape(Shape inputShape) {
            return inner.outputShape(inputShape);
        }

        @Override
        public Map<String, Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public Tensor forward(Tensor input, Mode mode) {
            if (mode == Mode.TRAINING) {
                events.add("batch from " + input.toArray()[0]);
            }
            return inner.forward(input, mode);
        }
    }

    @Test
    void everyEpochResetsTheStateAndServesTheSamplesInOrder() {
        Tensor[] data = TrainingFakes.linearData(6, 7);
        Carrying model = new Carrying();
        float[] x = data[0].toArray();

        Trainer.builder(model, new MeanSquaredError(), new GradientDescent(0.01)).epochs(2).batchSize(2)
                .shuffle(false).build().fit(data[0], data[1]);

        List<String> epoch = List.of("reset", "batch from " + x[0], "batch from " + x[4], "batch from " + x[8]);
        List<String> expected = new ArrayList<>(epoch);
        expected.addAll(epoch);
        assertThat(model.events).containsExactlyElementsOf(expected);
    }
}
