package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

class KernelWarmupTest {

    private static final Components COMPONENTS = Components.builtIns();

    private static Sequential model() {
        return Sequential.builder(Shape.of(6)).seed(4)
                .add("dense", Map.of("units", 16, "activation", "relu"))
                .add("dropout", Map.of("rate", 0.5))
                .add("dense", Map.of("units", 3))
                .build();
    }

    private static TrainingHistory train(Sequential model) {
        Dataset data = SyntheticData.blobs(120, 3, 6, 1.5, new SplittableRandom(4));
        return Trainer.builder(model, COMPONENTS.loss("cross_entropy", Options.empty()),
                COMPONENTS.optimizer("adam", Options.of(Map.of("lr", 0.01)))).epochs(2).batchSize(16).seed(1).build()
                .fit(data, null);
    }

    private static Map<String, float[]> weights(Sequential model) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> weights.put(name, p.data().clone()));
        return weights;
    }

    /** The weights as before the warm-up, no gradient left, and a run from them as from a model never warmed. */
    private static void assertLeftAsItWas(Sequential warmed, Map<String, float[]> before) {
        warmed.parameters().forEach((name, p) -> {
            assertThat(p.data()).as(name).containsExactly(before.get(name));
            if (p.gradient() != null) {
                assertThat(p.gradient()).as(name + " gradient").containsOnly(0f);
            }
        });
        assertThat(train(warmed).losses()).containsExactly(train(model()).losses());
    }

    @Test
    void warmingUpChangesNeitherTheWeightsNorTheRunThatFollows() {
        Sequential warmed = model();
        Map<String, float[]> before = weights(warmed);

        int passes = KernelWarmup.start(warmed, 16).finish();

        assertThat(passes).isBetween(WarmupPace.PASSES, WarmupPace.MAX_PASSES);
        assertLeftAsItWas(warmed, before);
    }

    @Test
    void warmingUpWholeStepsLeavesTheModelAndTheRunAsTheyWere() {
        Sequential warmed = model();
        Map<String, float[]> before = weights(warmed);
        Optimizer scratch = COMPONENTS.optimizer("adam", Options.of(Map.of("lr", 0.01)));

        int passes = KernelWarmup.start(warmed, 16, COMPONENTS.loss("cross_entropy", Options.empty()), scratch).finish();

        assertThat(passes).isBetween(WarmupPace.PASSES, WarmupPace.MAX_PASSES);
        assertThat(scratch.state().get("step")).as("the scratch optimizer took a step per pass")
                .containsExactly((float) passes);
        assertLeftAsItWas(warmed, before);
    }

    @Test
    void aLossThatTakesNeitherTargetFormFallsBackToTheSumOfTheOutputs() {
        Sequential warmed = model();
        Loss picky = pickyLoss();

        int passes = KernelWarmup.start(warmed, 16, picky, null).finish();

        assertThat(passes).isBetween(WarmupPace.PASSES, WarmupPace.MAX_PASSES);
    }

    @Test
    void warmingUpTheTrainingLoopTrainsTheScratchModelWithTheRunsSettingsOnly() {
        Sequential scratch = model();
        Map<String, float[]> before = weights(scratch);
        Optimizer optimizer = COMPONENTS.optimizer("adam", Options.of(Map.of("lr", 0.01)));
        boolean[] settingsApplied = {false};

        int passes = KernelWarmup.startTraining(scratch, 16, COMPONENTS.loss("cross_entropy", Options.empty()), optimizer,
                trainer -> {
                    settingsApplied[0] = true;
                    return trainer.shuffle(true);
                }).finish();

        assertThat(settingsApplied[0]).isTrue();
        assertThat(passes).isBetween(WarmupPace.PASSES, WarmupPace.MAX_PASSES);
        assertThat(optimizer.state().get("step")).as("an update per pass, on the scratch model")
                .containsExactly((float) passes);
        assertThat(scratch.parameters().get(before.keySet().iterator().next()).data())
                .isNotEqualTo(before.values().iterator().next());
    }

    @Test
    void warmingUpTheTrainingLoopWithARegressionLossUsesTargetsOfTheOutputsShape() {
        Sequential scratch = model();
        Optimizer optimizer = COMPONENTS.optimizer("sgd", Options.of(Map.of("lr", 0.01)));

        int passes = KernelWarmup.startTraining(scratch, 16, COMPONENTS.loss("mse", Options.empty()), optimizer,
                trainer -> trainer).finish();

        assertThat(passes).isBetween(WarmupPace.PASSES, WarmupPace.MAX_PASSES);
    }

    @Test
    void saysInTheDebugLogHowItEndedAndGoesOnPastSteadyPassesWhileTheyAreCheap() {
        Logger log = Logger.getLogger("neurite");
        Level level = log.getLevel();
        List<String> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.setLevel(Level.ALL);
        log.addHandler(handler);
        try {
            int passes = KernelWarmup.startTraining(model(), 16, COMPONENTS.loss("cross_entropy", Options.empty()),
                    COMPONENTS.optimizer("sgd", Options.of(Map.of("lr", 0.01))), trainer -> trainer).finish();

            assertThat(records).filteredOn(r -> r.startsWith("kernel warm-up: ")).singleElement().asString()
                    .startsWith("kernel warm-up: " + passes + " passes in ")
                    .containsPattern("ended (steady, the JIT quiet|at the pass limit|at the time limit) \\(fastest pass");
            String line = records.stream().filter(r -> r.startsWith("kernel warm-up: ")).findFirst().orElseThrow();
            Matcher report = Pattern.compile("in ([\\d.]+) s, ended steady").matcher(line);
            if (report.find() && Double.parseDouble(report.group(1)) < 4) {
                assertThat(passes).as("this model's passes are cheap: steady is not enough before %d passes",
                        WarmupPace.OPTIMIZED_PASSES).isGreaterThanOrEqualTo(WarmupPace.OPTIMIZED_PASSES);
            }
        } finally {
            log.removeHandler(handler);
            log.setLevel(level);
        }
    }

    @Test
    void warmingUpTheTrainingLoopEndsAtOnceWhenTheLossTakesNoTarget() {
        Loss picky = pickyLoss();

        int passes = KernelWarmup.startTraining(model(), 16, picky, COMPONENTS.optimizer("sgd",
                Options.of(Map.of("lr", 0.01))), trainer -> trainer).finish();

        assertThat(passes).isZero();
    }

    /** A loss that takes no target at all: the warm-up must not stop on it. */
    private static Loss pickyLoss() {
        return new Loss() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public Tensor compute(Tensor prediction, Tensor target) {
                throw new IllegalArgumentException("no target fits");
            }
        };
    }
}
