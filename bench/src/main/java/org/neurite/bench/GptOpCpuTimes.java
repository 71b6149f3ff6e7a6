package org.neurite.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.GradientClipper;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.engine.autograd.OpCpuTimes;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.optim.Adam;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.CpuTensor;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * Where a training step of {@code examples/transformer/shakespeare-gpt.yaml} goes, per op: the
 * steps of {@link GptStepCpuTime} with the engine's op timing on ({@link OpCpuTimes}), the
 * clipping and the optimizer step timed around their calls. Prints, for the steps after the
 * warm-up, the CPU milliseconds per step of each op's forward pass and backward step, largest
 * first, beside which {@code bench/gpt-ops.sh} prints PyTorch's profiler table of the reference step.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dneurite.threads=1 -Dneurite.opTimes=true
 * -cp benchmarks.jar org.neurite.bench.GptOpCpuTimes [steps] [warm-up steps]} (default 100 and 200).
 * One thread: the helpers' share of a parallel loop is not counted.
 */
public final class GptOpCpuTimes {

    private GptOpCpuTimes() {
    }

    /**
     * @param args the timed steps (default 100) and the warm-up steps before them (default 200)
     * @throws IOException if the plugins' extension index cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (!OpCpuTimes.ON) {
            throw new IllegalStateException("GptOpCpuTimes: run with -D" + OpCpuTimes.PROPERTY + "=true (or =wall)");
        }
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Components components = ShakespeareGpt.components();
        Sequential model = ShakespeareGpt.model(components);
        Optimizer adamW = new TimedOptimizer(ShakespeareGpt.adamW());
        GradientClipper clipper = new TimedClipper(ShakespeareGpt.clipper());
        TrainingListener between = new TrainingListener() {
            @Override
            public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
                OpCpuTimes.mark("(trainer between optimizer steps)");
            }
        };
        SplittableRandom random = new SplittableRandom(0);
        CpuTensor[] warm = ShakespeareGpt.randomWindows(random, warmUp);
        ShakespeareGpt.trainer(model, components, adamW, clipper, between, 1).fit(warm[0], warm[1]);
        CpuTensor[] timed = ShakespeareGpt.randomWindows(random, steps);
        Trainer trainer = ShakespeareGpt.trainer(model, components, adamW, clipper, between, 2);
        OpCpuTimes.drain();
        trainer.fit(timed[0], timed[1]);
        print(OpCpuTimes.drain(), steps);
    }

    private static void print(Map<String, long[]> times, int steps) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(times.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        double total = rows.stream().mapToLong(e -> e.getValue()[1]).sum() / 1e6 / steps;
        System.out.printf(Locale.ROOT, "Neurite, %d steps after the warm-up, %s: %.2f ms/step%n",
                steps, OpCpuTimes.WALL ? "wall clock" : "one thread's CPU", total);
        System.out.printf(Locale.ROOT, "%-44s %8s %10s %6s%n", "op", "ms/step", "calls/step", "share");
        for (Map.Entry<String, long[]> e : rows) {
            double ms = e.getValue()[1] / 1e6 / steps;
            if (ms >= 0.01) {
                System.out.printf(Locale.ROOT, "%-44s %8.3f %10.1f %5.1f%%%n", e.getKey(), ms,
                        (double) e.getValue()[0] / steps, 100 * ms / total);
            }
        }
    }

    /** The optimizer, its step timed as one op. */
    private record TimedOptimizer(Adam inner) implements Optimizer {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void step(Map<String, Parameter> parameters) {
            OpCpuTimes.mark("(trainer: loss value, backward start)");
            inner.step(parameters);
            OpCpuTimes.mark("optimizer step (AdamW)");
        }

        @Override
        public double learningRate() {
            return inner.learningRate();
        }

        @Override
        public void setLearningRate(double learningRate) {
            inner.setLearningRate(learningRate);
        }

        @Override
        public Map<String, float[]> state() {
            return inner.state();
        }

        @Override
        public void loadState(Map<String, float[]> state) {
            inner.loadState(state);
        }
    }

    /** The clipping, timed as one op. */
    private record TimedClipper(GradientClipper inner) implements GradientClipper {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public double clip(Map<String, Parameter> parameters) {
            OpCpuTimes.mark("(trainer: after backward)");
            double norm = inner.clip(parameters);
            OpCpuTimes.mark("gradient clipping (global norm)");
            return norm;
        }
    }
}
