package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

/** A run continued from a checkpoint is the uninterrupted run, bit for bit, dropout and schedule included. */
class TrainerResumeTest {

    private static final Components COMPONENTS = Components.builtIns();
    private static final Dataset DATA = SyntheticData.blobs(300, 3, 6, 1.5, new SplittableRandom(4));

    @TempDir
    Path folder;

    private static Sequential model() {
        return Sequential.builder(Shape.of(6)).seed(9)
                .add("dense", Map.of("units", 32, "activation", "relu"))
                .add("dropout", Map.of("rate", 0.5))
                .add("dense", Map.of("units", 3))
                .build();
    }

    private static Optimizer adam() {
        return COMPONENTS.optimizer("adam", Options.of(Map.of("lr", 0.01)));
    }

    private static Trainer trainer(Sequential model, Optimizer optimizer, int epochs, boolean shuffle,
                                   TrainingListener... listeners) {
        Trainer.Builder b = Trainer.builder(model, COMPONENTS.loss("cross_entropy", Options.empty()), optimizer)
                .epochs(epochs).batchSize(32).seed(5).shuffle(shuffle).schedule(step -> 0.01 / (1 + step * 0.01));
        for (TrainingListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    private static Map<String, float[]> weights(Sequential model) {
        Map<String, float[]> w = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> w.put(name, p.data().clone()));
        return w;
    }

    @Test
    void resumingFromACheckpointGivesBitIdenticalWeightsWithDropout() throws IOException {
        Sequential straight = model();
        TrainingHistory whole = trainer(straight, adam(), 4, true).fit(DATA, null);

        Sequential first = model();
        trainer(first, adam(), 2, true, new CheckpointWriter(folder, 1)).fit(DATA, null);
        Sequential resumed = model();
        Optimizer optimizer = adam();
        TrainingState from = Checkpoint.latest(folder).orElseThrow().restore(resumed.parameters(), optimizer);
        TrainingHistory rest = trainer(resumed, optimizer, 4, true).fit(DATA, null, from);

        assertThat(from.epoch()).isEqualTo(2);
        assertThat(from.steps()).isEqualTo(2 * 10);
        assertThat(rest.losses()).containsExactly(whole.losses());
        Map<String, float[]> expected = weights(straight);
        weights(resumed).forEach((name, w) -> assertThat(w).as(name).containsExactly(expected.get(name)));
    }

    @Test
    void dropoutDrawsDependOnTheStepSoTwoRunsAgreeAndTheMasksChangeFromStepToStep() {
        Sequential a = model();
        Sequential b = model();
        trainer(a, adam(), 1, true).fit(DATA, null);
        trainer(b, adam(), 1, true).fit(DATA, null);
        assertThat(weights(a).get("2.weight")).containsExactly(weights(b).get("2.weight"));
        assertThat(a.randomStreams().size()).isEqualTo(1);
    }

    @Test
    void withoutShufflingEveryEpochVisitsTheSamplesInTheirOrder() {
        TrainingHistory inOrder = trainer(model(), adam(), 3, false).fit(DATA, null);
        TrainingHistory shuffled = trainer(model(), adam(), 3, true).fit(DATA, null);

        assertThat(inOrder.losses()).isNotEqualTo(shuffled.losses());
        assertThat(trainer(model(), adam(), 3, false).fit(DATA, null).losses()).containsExactly(inOrder.losses());
    }

    @Test
    void aRunThatHasEndedRunsNoFurtherEpochWhenResumed() {
        Sequential model = model();
        TrainingHistory done = trainer(model, adam(), 2, true).fit(DATA, null);
        Map<String, float[]> before = weights(model);
        TrainingHistory again = trainer(model, adam(), 2, true)
                .fit(DATA, null, new TrainingState(2, 20, done.epochs(), false));
        assertThat(again.epochs()).isEqualTo(done.epochs());
        weights(model).forEach((name, w) -> assertThat(w).containsExactly(before.get(name)));
    }
}
