package org.neurite.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.source.IdxSource;

/**
 * What drawing the batches of Fashion-MNIST's training images costs, held as floats or as the
 * file's bytes ({@code format: idx}): the process's CPU seconds per epoch of shuffled batches of
 * 128 from each, in interleaved rounds of 10 epochs (the first rounds include the JIT's work).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -XX:+UseSerialGC -cp benchmarks.jar
 * org.neurite.bench.BatchGatherCpu [fashion-mnist folder]} (default {@code examples/data/fashion-mnist})
 */
public final class BatchGatherCpu {

    private static final int ROUNDS = 4;
    private static final int EPOCHS = 10;

    private BatchGatherCpu() {
    }

    /**
     * @param args the folder of the IDX files, optionally
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "examples/data/fashion-mnist");
        SampleSet samples = new IdxSource(folder.resolve("train-images-idx3-ubyte.gz"),
                folder.resolve("train-labels-idx1-ubyte.gz"), null).read();
        SampleSet.Column bytes = samples.inputs().get(Dataset.INPUT);
        float[] labels = samples.targets().values();
        Shape image = Shape.of(1, 28, 28);
        Dataset asBytes = Dataset.builder().input(Dataset.INPUT, bytes, image).classes(labels, 10).build();
        Dataset asFloats = Dataset.builder().input(Dataset.INPUT, bytes.values(), image).classes(labels, 10).build();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= ROUNDS; round++) {
            for (Dataset data : new Dataset[] {asFloats, asBytes}) {
                DataLoader loader = DataLoader.of(data, CpuBackend.instance()).batchSize(128).shuffle(7).build();
                long start = os.getProcessCpuTime();
                long images = 0;
                for (int e = 0; e < EPOCHS; e++) {
                    for (Batch batch : loader.nextEpoch()) {
                        images += batch.features().dim(0);
                    }
                }
                System.out.printf(Locale.ROOT, "round %d, images as %s: %.3f CPU s per epoch (%d images)%n", round,
                        data == asBytes ? "bytes " : "floats", (os.getProcessCpuTime() - start) / 1e9 / EPOCHS, images);
            }
        }
    }
}
