package org.neurite.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.engine.io.OptimizerStateFile;

/** An optimizer's state survives a checkpoint file, its kind marker (an empty array) included. */
class OptimizerStateFileTest {

    @Test
    void resumesFromAStateFileBitForBit(@TempDir Path folder) throws Exception {
        Options options = Options.of(Map.of("lr", 0.1, "amsgrad", true));
        QuadraticProblem straight = new QuadraticProblem();
        Optimizer uninterrupted = new AdamWProvider().create(options);
        for (int i = 0; i < 5; i++) {
            straight.step(uninterrupted);
        }

        QuadraticProblem resumed = new QuadraticProblem();
        Optimizer first = new AdamWProvider().create(options);
        for (int i = 0; i < 3; i++) {
            resumed.step(first);
        }
        Path file = folder.resolve("optimizer.safetensors");
        OptimizerStateFile.save(file, first);
        Optimizer second = new AdamWProvider().create(options);
        OptimizerStateFile.load(file, second);
        for (int i = 0; i < 2; i++) {
            resumed.step(second);
        }

        assertThat(resumed.values()).containsExactly(straight.values());
        assertThat(second.state().keySet()).containsExactlyElementsOf(uninterrupted.state().keySet());
    }
}
