package org.neurite.engine.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.Model;

/**
 * Warms the kernels a model's training uses up before the first epoch, so that it does not run
 * at the interpreter's pace while the JIT compiles them: on a thread of its own (typically while
 * the data loads), forward and backward passes on a batch of the model's real shapes.
 *
 * <p>The passes change nothing a run depends on: they run in {@link Mode#INFERENCE} (no dropout
 * draws, no batch-norm statistics), the gradients they leave are zeroed, the optimizer is not
 * touched. Any failure ends the warm-up quietly: the run itself will meet and report it.
 *
 * <pre>{@code
 * KernelWarmup warmup = KernelWarmup.start(model, 128);
 * Dataset train = load(...);
 * warmup.finish();
 * trainer.fit(train, validation);
 * }</pre>
 */
public final class KernelWarmup {

    /** Passes after which the JIT has compiled the kernels' hot loops (their back-edge counts pass its thresholds). */
    static final int PASSES = 24;
    /** The longest a warm-up may take, however slow the machine. */
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(8);

    private final Thread thread;
    private volatile int passes;

    private KernelWarmup(Model model, int batchSize) {
        this.thread = new Thread(() -> run(model, batchSize), "neurite-kernel-warmup");
        thread.setDaemon(true);
    }

    /**
     * Starts warming up on a daemon thread.
     *
     * @param model the model, which must not be trained or changed until {@link #finish()} returns
     * @param batchSize the batch size of the run, at least 1
     * @return the warm-up under way
     */
    public static KernelWarmup start(Model model, int batchSize) {
        KernelWarmup w = new KernelWarmup(model, Math.max(1, batchSize));
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

    private void run(Model model, int batchSize) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : model.inputShapes().entrySet()) {
            // ones are valid everywhere: as features, token ids and "real step" masks
            inputs.put(e.getKey(), CpuBackend.instance().ones(e.getValue().prepend(batchSize)));
        }
        long start = System.nanoTime();
        try {
            while (passes < PASSES && System.nanoTime() - start < LIMIT_NANOS) {
                Model.apply(model, inputs, Mode.INFERENCE).sum().backward();
                passes++;
            }
        } catch (RuntimeException | Error e) {
            // the run itself will report what failed here (out of memory too), in its own one line
        } finally {
            for (Parameter p : model.parameters().values()) {
                p.zeroGradient();
            }
        }
    }
}
