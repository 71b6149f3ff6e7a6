package org.neurite.engine.train;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.neurite.api.Backend;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
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
 * alone can still leave kernels waiting in its queue), within {@value #MAX_PASSES} passes and a
 * time limit.
 *
 * <p>The passes change nothing a run depends on: they run in {@link Mode#INFERENCE} (no dropout
 * draws, no batch-norm statistics), the gradients they leave are zeroed, the run's optimizer is
 * not touched. Any failure ends that part of the warm-up quietly: the run itself will meet and
 * report it.
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
    static final int MAX_PASSES = 500;
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

    private final Thread thread;
    private volatile int passes;

    private KernelWarmup(Model model, int batchSize, Loss loss, Optimizer scratchOptimizer) {
        this.thread = new Thread(() -> run(model, batchSize, loss, scratchOptimizer), "neurite-kernel-warmup");
        thread.setDaemon(true);
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
        KernelWarmup w = new KernelWarmup(model, Math.max(1, batchSize), loss, scratchOptimizer);
        w.thread.start();
        return w;
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
        long start = System.nanoTime();
        long fastest = Long.MAX_VALUE;
        int steady = 0;
        JitActivity jit = new JitActivity(start);
        boolean jitQuiet = false;
        try {
            while (passes < MAX_PASSES && (steady < STEADY_PASSES || !jitQuiet)
                    && System.nanoTime() - start < LIMIT_NANOS) {
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
                long took = System.nanoTime() - passStart;
                fastest = Math.min(fastest, took);
                if (passes > PASSES) {
                    steady = took <= fastest * STEADY_RATIO ? steady + 1 : 0;
                }
                jitQuiet = jit.quietFor(JIT_QUIET_NANOS);
            }
        } catch (RuntimeException | Error e) {
            // the run itself will report what failed here (out of memory too), in its own one line
        } finally {
            for (Parameter p : model.parameters().values()) {
                p.zeroGradient();
            }
        }
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
