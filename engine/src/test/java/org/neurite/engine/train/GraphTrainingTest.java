package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.nn.Graph;
import org.neurite.engine.nn.GraphInput;
import org.neurite.engine.registry.Components;

/** The trainer and evaluator feeding a graph of two named inputs: tokens and their padding mask. */
class GraphTrainingTest {

    private static final Components COMPONENTS = Components.builtIns();

    /** Embeds the tokens, zeroes the padded steps with the mask, and classifies the rest. */
    private static Graph maskedClassifier(int steps) {
        return Graph.builder().seed(0)
                .input("tokens", Shape.of(steps), GraphInput.Dtype.INT)
                .input("mask", Shape.of(steps), GraphInput.Dtype.BOOL)
                .layer("embed", "embedding", Map.of("vocabulary", 4, "dim", 4), "tokens")
                .layer("mask_steps", "reshape", Map.of("shape", List.of(steps, 1)), "mask")
                .layer("real", "multiply", Map.of(), "embed", "mask_steps")
                .layer("flat", "flatten", Map.of(), "real")
                .layer("hidden", "dense", Map.of("units", 16, "activation", "relu"))
                .layer("logits", "dense", Map.of("units", 2))
                .build();
    }

    @Test
    void aGraphOfTokensAndMaskLearnsATaskThatNeedsTheMask() {
        Dataset train = SyntheticData.maskedMajority(2000, 8, new SplittableRandom(1));
        Dataset test = SyntheticData.maskedMajority(500, 8, new SplittableRandom(2));
        Graph model = maskedClassifier(8);
        Evaluator evaluator = new Evaluator(model, COMPONENTS.loss("cross_entropy", Options.empty()), 100);
        double before = evaluator.evaluate(test).accuracy();

        TrainingHistory history = Trainer.builder(model, COMPONENTS.loss("cross_entropy", Options.empty()),
                COMPONENTS.optimizer("adam", Options.of(Map.of("lr", 0.01)))).epochs(15).batchSize(64).seed(0).build()
                .fit(train, test);

        double after = evaluator.evaluate(test).accuracy();
        assertThat(before).isLessThan(0.7);
        assertThat(after).isGreaterThan(0.95);
        assertThat(history.last().validationAccuracy()).isEqualTo(after);
    }
}
