package org.neurite.engine.train;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.neurite.api.Backend;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.DatasetBuilder;
import org.neurite.engine.init.ConstantInitializer;
import org.neurite.engine.nn.Model;

/**
 * Warms the kernels a model's training uses up before the first epoch, so that it does not run
 * at the interpreter's pace while the JIT compiles them: on a thread of its own (typically while
 * the data loads), training steps on a batch of the model's real shapes: forward, the run's loss
 * and backward, and an update by a scratch optimizer of the run's kind over scratch copies of
 * the parameters. It goes on until the steps stop getting faster and the JIT has compiled
 * nothing for a while (its optimizing compiler has caught up with every kernel of a step: on a
 * machine of two cores it shares them with the warm-up and the data loading, so steady passes
 * alone can still leave kernels waiting in its queue), and, while passes are cheap, until the
 * methods called several times a step have reached the optimizing compiler too (else it compiles
 * them in the first epoch, on the cores the epoch needs), within {@value #MAX_PASSES} passes and a
 * time limit.
 *
 * <p>The passes change nothing a run depends on: they run in {@link Mode#INFERENCE} (no dropout
 * draws, no batch-norm statistics), the gradients they leave are zeroed, the run's optimizer is
 * not touched. Any failure ends that part of the warm-up quietly: the run itself will meet and
 * report it.
 *
 * <p>{@link #startTraining} warms up the run's own training loop instead: a {@link Trainer} of
 * the run's settings trains a scratch model of the run's architecture on synthetic batches of its
 * shapes. Besides the kernels, that compiles what a step does around them (drawing and copying
 * the batch, the loss on class labels, the measures) with the profile the run will
 * have, so that the JIT does not recompile the kernels' callers in the first epoch either (its
 * compilations, on a machine of two cores, take the cores the epoch's threads need).
 *
 * <pre>{@code
 * KernelWarmup warmup = KernelWarmup.start(model, 128, loss, config.createOptimizer(components));
 * Dataset train = load(...);
 * warmup.finish();
 * trainer.fit(train, validation);
 * }</pre>
 */
public final class KernelWarmup {

    /** Passes the warm-up makes at least (their back-edge counts pass the JIT's thresholds). */
    static final int PASSES = 24;
    /** Passes the warm-up makes at most. */
    static final int MAX_PASSES = 1200;
    /**
     * Passes after which the methods a step calls about six times or more (a product's entry
     * points, a tensor's constructor, the optimizer's update of each parameter) have passed the
     * optimizing compiler's invocation threshold (5000 calls counted from their first compilation);
     * the JIT compiles them then, not in the first epoch. When passes are cheap (at most
     * {@link #CHEAP_PASS_NANOS}) the warm-up goes on to this many even once the steps are steady and
     * the JIT is quiet, for at most {@link #OPTIMIZED_NANOS}: in an epoch of cheap steps those
     * compilations would take a large share of the cores.
     */
    static final int OPTIMIZED_PASSES = 1000;
    /** The longest pass that counts as cheap (a small model's step; a convolution or transformer step is costlier). */
    private static final long CHEAP_PASS_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long the warm-up may go on for {@link #OPTIMIZED_PASSES}. */
    private static final long OPTIMIZED_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** The passes past {@link #PASSES} that must all be this close to the fastest one for the warm-up to end. */
    private static final int STEADY_PASSES = 6;
    private static final double STEADY_RATIO = 1.25;
    /**
     * How long the JIT must have finished no compilation for the warm-up to end: longer than the
     * gaps between the compilations of a step's kernels, which come one after another.
     */
    private static final long JIT_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** The longest a warm-up may take, however slow the machine. */
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(8);
    /** Batches in an epoch of the synthetic data: the trainer's epoch setup is part of the warm-up, and a stop comes soon. */
    private static final int SYNTHETIC_BATCHES = 8;
    /** The most input values the synthetic data holds (64 MiB), whatever the batch size: fewer batches then. */
    private static final long SYNTHETIC_VALUES = 1L << 24;

    private final Thread thread;
    private volatile int passes;

    private KernelWarmup(Consumer<KernelWarmup> work) {
        this.thread = new Thread(() -> work.accept(this), "neurite-kernel-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts warming up the model's forward and backward passes on a daemon thread, with the sum
     * of its outputs as the loss and no update.
     *
     * @param model the model, which must not be trained or changed until {@link #finish()} returns
     * @param batchSize the batch size of the run, at least 1
     * @return the warm-up under way
     */
    public static KernelWarmup start(Model model, int batchSize) {
        return start(model, batchSize, null, null);
    }

    /**
     * Starts warming up whole training steps on a daemon thread.
     *
     * @param model the model, which must not be trained or changed until {@link #finish()} returns
     * @param batchSize the batch size of the run, at least 1
     * @param loss the run's loss, or {@code null} for the sum of the outputs
     * @param scratchOptimizer a fresh optimizer of the run's kind and settings (not the run's own:
     *     it updates scratch parameters), or {@code null} for no update
     * @return the warm-up under way
     */
    public static KernelWarmup start(Model model, int batchSize, Loss loss, Optimizer scratchOptimizer) {
        return new KernelWarmup(w -> w.run(model, Math.max(1, batchSize), loss, scratchOptimizer));
    }

    /**
     * Starts warming up the run's training loop on a daemon thread: a {@link Trainer} with the
     * run's settings trains a scratch model on synthetic batches (ones as inputs, which are valid
     * features, token ids and masks alike; targets of the form the loss takes) until the steps
     * stop getting faster and the JIT is quiet. The run's model, optimizer and random streams are
     * not touched. When the loss takes neither target form, the warm-up ends at once.
     *
     * @param scratchModel a model of the run's architecture, not the run's own (it is trained)
     * @param batchSize the batch size of the run, at least 1
     * @param loss the run's loss
     * @param scratchOptimizer a fresh optimizer of the run's kind and settings (not the run's own)
     * @param runSettings gives the trainer the run's other settings that change what a step does
     *     (shuffling, clipping, augmentation); the warm-up sets the batch size, the epochs and
     *     the listener itself
     * @return the warm-up under way
     */
    public static KernelWarmup startTraining(Model scratchModel, int batchSize, Loss loss,
            Optimizer scratchOptimizer, UnaryOperator<Trainer.Builder> runSettings) {
        return new KernelWarmup(w -> w.train(scratchModel, Math.max(1, batchSize), loss, scratchOptimizer,
                runSettings));
    }

    /**
     * Waits until the warm-up is done.
     *
     * @return the passes it made
     */
    public int finish() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return passes;
    }

    private void run(Model model, int batchSize, Loss loss, Optimizer scratchOptimizer) {
        Backend backend = CpuBackend.instance();
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : model.inputShapes().entrySet()) {
            // ones are valid everywhere: as features, token ids and "real step" masks
            inputs.put(e.getKey(), backend.ones(e.getValue().prepend(batchSize)));
        }
        Map<String, Parameter> scratch = scratchOptimizer == null ? null : scratchParameters(model, backend);
        Optimizer optimizer = scratchOptimizer;
        Loss lossHere = loss;
        Tensor target = null;
        Pace pace = new Pace();
        try {
            boolean goOn = true;
            while (goOn) {
                long passStart = System.nanoTime();
                Tensor out = Model.apply(model, inputs, Mode.INFERENCE);
                if (lossHere != null && target == null) {
                    target = targetFor(lossHere, out, backend);
                    lossHere = target == null ? null : lossHere;
                }
                (lossHere == null ? out.sum() : lossHere.compute(out, target)).backward();
                if (optimizer != null) {
                    try {
                        optimizer.step(scratch);
                    } catch (RuntimeException e) {
                        optimizer = null; // an optimizer that needs more than gradients: the run will show
                    }
                }
                passes++;
                goOn = pace.goOn(passes, System.nanoTime() - passStart);
            }
        } catch (RuntimeException | Error e) {
            // the run itself will report what failed here (out of memory too), in its own one line
        } finally {
            for (Parameter p : model.parameters().values()) {
                p.zeroGradient();
            }
        }
        pace.report(passes);
    }

    /** Trains a scratch model with the run's settings on synthetic batches, and stops when {@link Pace} says. */
    private void train(Model model, int batchSize, Loss loss, Optimizer optimizer,
            UnaryOperator<Trainer.Builder> runSettings) {
        try {
            Dataset data = syntheticData(model, batchSize, loss);
            if (data == null) {
                return;
            }
            Pace pace = new Pace();
            TrainingListener stopWhenWarm = new TrainingListener() {
                private long passStart;

                @Override
                public void onEpochStart(Trainer trainer, int epoch) {
                    passStart = System.nanoTime();
                }

                @Override
                public void onBatchEnd(Trainer trainer, int epoch, long step, double batchLoss) {
                    long now = System.nanoTime();
                    passes++;
                    if (!pace.goOn(passes, now - passStart)) {
                        trainer.stop(); // at the end of this short epoch
                    }
                    passStart = now;
                }
            };
            // a stop takes effect at the end of an epoch: whole epochs stay within MAX_PASSES
            int batches = data.size() / batchSize;
            try {
                runSettings.apply(Trainer.builder(model, loss, optimizer)).batchSize(batchSize)
                        .epochs(Math.max(1, MAX_PASSES / batches)).divergenceFactor(0).listener(stopWhenWarm)
                        .build().fit(data);
                pace.passesRanOut();
            } finally {
                pace.report(passes);
            }
        } catch (RuntimeException | Error e) {
            // the run itself will report what failed here (out of memory too), in its own one line
        }
    }

    /**
     * Up to {@value #SYNTHETIC_BATCHES} batches of ones for every input of the model, with
     * targets the loss takes: class labels 0, 1, 2... (class-index losses), else zeros of the
     * output's shape; {@code null} when the loss takes neither.
     */
    private static Dataset syntheticData(Model model, int batchSize, Loss loss) {
        Backend backend = CpuBackend.instance();
        long valuesPerSample = 1;
        for (Shape shape : model.inputShapes().values()) {
            valuesPerSample += shape.size();
        }
        int batches = (int) Math.max(1, Math.min(SYNTHETIC_BATCHES, SYNTHETIC_VALUES / (valuesPerSample * batchSize)));
        int samples = Math.multiplyExact(batches, batchSize);
        DatasetBuilder data = Dataset.builder();
        for (Map.Entry<String, Shape> e : model.inputShapes().entrySet()) {
            float[] ones = new float[Math.multiplyExact(samples, e.getValue().intSize())];
            Arrays.fill(ones, 1f);
            data.input(e.getKey(), ones, e.getValue());
        }
        Tensor target = targetFor(loss, backend.zeros(model.outputShape().prepend(1)), backend);
        if (target == null) {
            return null;
        }
        Shape perSample = target.shape().dropFirst();
        float[] targets = new float[Math.multiplyExact(samples, perSample.intSize())];
        if (target.rank() < model.outputShape().rank() + 1) {
            int classes = model.outputShape().dim(model.outputShape().rank() - 1);
            for (int i = 0; i < targets.length; i++) {
                targets[i] = i % classes;
            }
            return data.classes(targets, perSample, classes).build();
        }
        return data.values(targets, perSample).build();
    }

    /**
     * A target the loss accepts for these outputs: class 0 for every sample (class-index losses),
     * else zeros of the outputs' shape; {@code null} when the loss takes neither.
     */
    private static Tensor targetFor(Loss loss, Tensor out, Backend backend) {
        Shape shape = out.shape();
        for (Shape candidate : new Shape[] {shape.sub(0, shape.rank() - 1), shape}) {
            try {
                Tensor target = backend.zeros(candidate);
                loss.compute(out, target);
                return target;
            } catch (RuntimeException doesNotFit) {
                // try the next form
            }
        }
        return null;
    }

    /** Parameters of the model's names and shapes with a gradient of ones, for a scratch optimizer to update. */
    private static Map<String, Parameter> scratchParameters(Model model, Backend backend) {
        Map<String, Parameter> scratch = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
            Parameter p = backend.parameter(e.getValue().shape(), ConstantInitializer.ONES, new SplittableRandom(0));
            p.value().sum().backward();
            scratch.put(e.getKey(), p);
        }
        return scratch;
    }

    /**
     * Whether the warm-up goes on after a pass: until {@link #PASSES} passes are made and the last
     * {@link #STEADY_PASSES} of them all came close to the fastest while the JIT compiled nothing
     * for {@link #JIT_QUIET_NANOS}, and, when passes are cheap, {@link #OPTIMIZED_PASSES} are made or
     * {@link #OPTIMIZED_NANOS} have passed; within {@link #MAX_PASSES} passes and {@link #LIMIT_NANOS}.
     */
    private static final class Pace {
        private final long start = System.nanoTime();
        private final JitActivity jit = new JitActivity(start);
        private long fastest = Long.MAX_VALUE;
        private int steady;
        /** Why the warm-up ended, once it has. */
        private String ended;

        /**
         * @param passes the passes made so far
         * @param took how long the last one took
         * @return whether to make another
         */
        boolean goOn(int passes, long took) {
            fastest = Math.min(fastest, took);
            if (passes > PASSES) {
                steady = took <= fastest * STEADY_RATIO ? steady + 1 : 0;
            }
            boolean jitQuiet = jit.quietFor(JIT_QUIET_NANOS);
            long elapsed = System.nanoTime() - start;
            if (passes >= MAX_PASSES) {
                ended = "at the pass limit";
            } else if (passes >= PASSES && steady >= STEADY_PASSES && jitQuiet
                    && (passes >= OPTIMIZED_PASSES || fastest > CHEAP_PASS_NANOS || elapsed >= OPTIMIZED_NANOS)) {
                ended = "steady, the JIT quiet";
            } else if (elapsed >= LIMIT_NANOS) {
                ended = "at the time limit";
            } else {
                return true;
            }
            return false;
        }

        /** Notes that the passes ran out before the pace asked to stop (the warm-up trainer's last epoch ended). */
        void passesRanOut() {
            if (ended == null) {
                ended = "at the pass limit";
            }
        }

        /** Says in the log (at debug level) how the warm-up went: on a busy machine it may end at a limit. */
        void report(int passes) {
            System.getLogger("neurite").log(System.Logger.Level.DEBUG, () -> String.format(Locale.ROOT,
                    "kernel warm-up: %d passes in %.2f s, ended %s (fastest pass %.2f ms)", passes,
                    (System.nanoTime() - start) / 1e9, ended == null ? "by a failure" : ended, fastest / 1e6));
        }
    }

    /**
     * When the JIT last finished a compilation, as far as the JVM's total compilation time shows
     * (it grows as each compilation ends); a JVM that does not measure it counts as always quiet.
     */
    private static final class JitActivity {
        private final CompilationMXBean jit;
        private long total;
        private long changedAt;

        JitActivity(long now) {
            CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
            this.jit = bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
            this.total = jit == null ? 0 : jit.getTotalCompilationTime();
            this.changedAt = now;
        }

        /** @return whether no compilation has ended in the last {@code nanos} */
        boolean quietFor(long nanos) {
            if (jit == null) {
                return true;
            }
            long now = System.nanoTime();
            long t = jit.getTotalCompilationTime();
            if (t != total) {
                total = t;
                changedAt = now;
            }
            return now - changedAt >= nanos;
        }
    }
}
