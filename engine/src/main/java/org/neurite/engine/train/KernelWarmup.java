package org.neurite.engine.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
 * the parameters. It goes on until the steps stop getting faster and the JIT is idle (its
 * optimizing compiler has caught up with every kernel of a step: on a machine of two cores it
 * shares them with the warm-up and the data loading, so steady passes alone can still leave
 * kernels waiting in its queue), and, while passes are cheap, until the methods called several
 * times a step have reached the optimizing compiler too (else it compiles them in the first
 * epoch, on the cores the epoch needs), within a pass and a time limit: {@link WarmupPace} says
 * when, and the debug log how the warm-up ended.
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
        WarmupPace pace = new WarmupPace();
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
        report(pace);
    }

    /** Trains a scratch model with the run's settings on synthetic batches, and stops when {@link WarmupPace} says. */
    private void train(Model model, int batchSize, Loss loss, Optimizer optimizer,
            UnaryOperator<Trainer.Builder> runSettings) {
        try {
            Dataset data = syntheticData(model, batchSize, loss);
            if (data == null) {
                return;
            }
            WarmupPace pace = new WarmupPace();
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
            // a stop takes effect at the end of an epoch: whole epochs stay within the pass limit
            int batches = data.size() / batchSize;
            try {
                runSettings.apply(Trainer.builder(model, loss, optimizer)).batchSize(batchSize)
                        .epochs(Math.max(1, WarmupPace.MAX_PASSES / batches)).divergenceFactor(0).listener(stopWhenWarm)
                        .build().fit(data);
                pace.passesRanOut();
            } finally {
                report(pace);
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

    /** Says in the log (at debug level) how the warm-up went. */
    private void report(WarmupPace pace) {
        int made = passes;
        System.getLogger("neurite").log(System.Logger.Level.DEBUG, () -> pace.report(made));
    }
}
