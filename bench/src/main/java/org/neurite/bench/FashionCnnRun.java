package org.neurite.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neurite.api.ComponentProvider;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.FashionMnist;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.CpuTensor;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * The reference CNN of {@code bench/reference/pytorch_fashion.py cnn} (as
 * {@code examples/cnn/fashion-cnn.yaml}), trained on Fashion-MNIST with Adam 1e-3, batch 128, seed
 * 0, printing each epoch's training-loop seconds as the reference does, then the inference
 * throughput at batch 1000 over the 10,000 test images (best and median of 5 passes, no gradients
 * recorded), the figures {@code bench/fashion-cnn.sh} sets against PyTorch's. Below each epoch's row:
 * the process's CPU seconds and the collector's pauses during its training loop ({@link EpochCosts}).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * org.neurite.bench.FashionCnnRun [data folder] [--epochs N]}
 */
public final class FashionCnnRun {

    private FashionCnnRun() {
    }

    /**
     * @param args an optional data folder (default examples/data/fashion-mnist) and {@code --epochs N} (default 3)
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of("examples", "data", "fashion-mnist");
        int epochs = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--epochs") && i + 1 < args.length) {
                epochs = Integer.parseInt(args[++i]);
            } else {
                folder = Path.of(args[i]);
            }
        }
        FashionMnist.Splits data = FashionMnist.load(folder);
        Components components = components();
        Sequential model = model(components);

        System.out.printf("%5s %10s %9s %8s %9s%n", "epoch", "train loss", "train acc", "test acc", "seconds");
        EpochCosts costs = new EpochCosts();
        Trainer trainer = Trainer.builder(model, components.loss("cross_entropy", Options.empty()),
                        components.optimizer("adam", Options.of(Map.of("lr", 1e-3))))
                .epochs(epochs).batchSize(128).seed(0)
                .listener(costs)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Trainer t, EpochResult r) {
                        System.out.printf(Locale.ROOT, "%5d %10.4f %9.4f %8.4f %9.2f%n", r.epoch(), r.loss(),
                                r.accuracy(), r.validationAccuracy(), r.seconds());
                        System.out.println("  " + costs.describe());
                    }
                })
                .build();
        trainer.fit(data.train(), data.test());
        System.out.println("peak RSS while training (VmHWM): " + peakResidentMib() + " MiB");
        inference(model, data.test());
    }

    /**
     * What an epoch's training loop cost besides its seconds, from its start to its last step (the
     * evaluation after it left out): the process's CPU seconds (all threads: the engine's, the
     * collector's, the JIT's), and each collector's pauses, which on a shared machine say more
     * than the wall clock.
     */
    static final class EpochCosts implements TrainingListener {
        private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        private long[] start;
        private long[] last;

        @Override
        public void onEpochStart(Trainer trainer, int epoch) {
            start = read();
            last = start;
        }

        @Override
        public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
            last = read();
        }

        /** @return the process CPU and each collector's pauses and milliseconds between the epoch's start and its last step */
        String describe() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "training loop: process CPU %.2f s; collector",
                    (last[0] - start[0]) / 1e9));
            for (int i = 0; i < collectors.size(); i++) {
                s.append(String.format(Locale.ROOT, " %s %d pauses %d ms;", collectors.get(i).getName(),
                        last[1 + 2 * i] - start[1 + 2 * i], last[2 + 2 * i] - start[2 + 2 * i]));
            }
            return s.toString();
        }

        private long[] read() {
            long[] now = new long[1 + 2 * collectors.size()];
            now[0] = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            for (int i = 0; i < collectors.size(); i++) {
                now[1 + 2 * i] = collectors.get(i).getCollectionCount();
                now[2 + 2 * i] = collectors.get(i).getCollectionTime();
            }
            return now;
        }
    }

    /**
     * @return the process's peak resident set so far in MiB (Linux's VmHWM), or "unknown" elsewhere:
     *     read before the inference passes, so that it is the peak of training (and of the
     *     evaluations after each epoch), as the reference prints beside its whole-process peak
     */
    static String peakResidentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return String.valueOf(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a format this does not know: say so rather than guess
        }
        return "unknown";
    }

    /** @return the engine's built-in components and the cnn plugin's */
    static Components components() throws IOException {
        return Components.builtIns().registerAll(pluginProviders());
    }

    /** @return the reference CNN, seed 0, as {@code examples/cnn/fashion-cnn.yaml} builds it */
    static Sequential model(Components components) {
        return Sequential.builder(Shape.of(1, 28, 28)).seed(0).components(components)
                .add("conv2d", Map.of("filters", 32, "kernel", 3, "padding", 1, "activation", "relu"))
                .add("max_pool2d", Map.of("kernel", 2))
                .add("conv2d", Map.of("filters", 64, "kernel", 3, "padding", 1, "activation", "relu"))
                .add("max_pool2d", Map.of("kernel", 2))
                .add("flatten", Map.of())
                .add("dense", Map.of("units", 128, "activation", "relu"))
                .add("dense", Map.of("units", 10))
                .build();
    }

    /**
     * Prints the test set's throughput at batch 1000 in inference mode without gradients: best and
     * median of 5. Each batch is copied out of the data set as it is needed, as the reference
     * slices its test tensor, rather than the whole test set copied once more beforehand.
     */
    private static void inference(Layer model, Dataset test) {
        int n = test.size();
        int per = (int) test.featureShape().size();
        double[] rates = new double[5];
        for (int pass = 0; pass < rates.length; pass++) {
            long start = System.nanoTime();
            try (var scope = CpuBackend.instance().noGrad()) {
                for (int first = 0; first < n; first += 1000) {
                    int count = Math.min(1000, n - first);
                    float[] images = new float[count * per];
                    for (int i = 0; i < count; i++) {
                        System.arraycopy(test.features(first + i), 0, images, i * per, per);
                    }
                    Tensor batch = CpuTensor.wrap(images, Shape.of(count, 1, 28, 28));
                    model.forward(batch, Mode.INFERENCE);
                }
            }
            rates[pass] = n / ((System.nanoTime() - start) / 1e9);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "inference samples/s (b=1000, no grad): best %.0f, median %.0f (5 passes)%n",
                sorted[sorted.length - 1], sorted[sorted.length / 2]);
    }

    /** The plugins' providers, from their META-INF/extensions.idx on the class path, as PF4J reads them. */
    static List<ComponentProvider> pluginProviders() throws IOException {
        List<ComponentProvider> providers = new ArrayList<>();
        Enumeration<URL> indexes = FashionCnnRun.class.getClassLoader().getResources("META-INF/extensions.idx");
        while (indexes.hasMoreElements()) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(indexes.nextElement().openStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    try {
                        providers.add((ComponentProvider) Class.forName(line.trim()).getDeclaredConstructor()
                                .newInstance());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot create extension " + line, e);
                    }
                }
            }
        }
        return providers;
    }
}
