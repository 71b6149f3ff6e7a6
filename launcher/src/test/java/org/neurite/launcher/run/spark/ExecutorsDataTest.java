package org.neurite.launcher.run.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.DataContext;
import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.engine.data.source.CsvSourceProvider;
import org.neurite.engine.registry.ComponentRegistry;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SparkConfig;
import org.neurite.launcher.run.TrainingRun;
import org.neurite.launcher.run.progress.Progress;

/**
 * With {@code spark.data: executors} the driver of a barrier run reads no data file: its {@code csv}
 * source counts the reads (the executors, which build their own components, read through the
 * engine's), an executor measures the test data, and the run folder is the one of a run whose
 * driver read and sent the data.
 */
class ExecutorsDataTest {

    private static final String CONFIG = """
            name: xor
            data:
              train: {format: csv, path: xor.csv, label: label}
              validation: {format: csv, path: xor.csv, label: label}
              test: {format: csv, path: xor.csv, label: label}
            model:
              input: [2]
              layers:
                - {type: dense, units: 4, activation: tanh}
                - {type: dense, units: 2}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05}
            training: {epochs: 3, batch_size: 0, checkpoint_every: 0}
            """;

    @TempDir
    Path dir;

    @Test
    void theDriverReadsNoDataFileAndWritesTheRunFolderOfDataItSent() throws IOException {
        Files.writeString(dir.resolve("xor.csv"), "x,y,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0,0,0\n1,1,0\n");
        Path file = dir.resolve("xor.yaml");
        Files.writeString(file, CONFIG);
        AtomicInteger reads = new AtomicInteger();
        CountingCsv counting = new CountingCsv(reads);
        // in place of the engine's csv source, as the engine's own (a plugin's would have to travel to the executors)
        Components components = Components.builtIns();
        components.unregister(components.dataSources().find("csv").orElseThrow(), "replaced by a counting one");
        components.register(counting, ComponentRegistry.BUILT_IN, null);
        RunConfig config = RunConfig.load(file, List.of(), components);

        Path read = train(components, config, SparkConfig.DataFrom.EXECUTORS, "read");
        assertThat(reads).as("reads of the driver with data from the executors").hasValue(0);
        Path sent = train(components, config, SparkConfig.DataFrom.DRIVER, "sent");
        assertThat(reads.get()).as("reads of the driver that sends the data").isPositive();

        assertThat(Files.readAllBytes(read.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(sent.resolve("model.safetensors")));
        assertThat(Files.readString(read.resolve("data-info.json"))).isEqualTo(Files.readString(sent.resolve("data-info.json")));
        assertThat(Files.readString(read.resolve("model.json"))).isEqualTo(Files.readString(sent.resolve("model.json")));
        assertThat(Files.readString(read.resolve("train.log"))).contains("data: 6 training samples, 6 validation, 6 test");
        // the executors measured the test data: the same row as the driver's own measure
        assertThat(testRow(read)).startsWith("test,").isEqualTo(testRow(sent));
        assertThat(Files.readAllLines(read.resolve("metrics.csv"))).hasSameSizeAs(Files.readAllLines(sent.resolve("metrics.csv")));
    }

    private static String testRow(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().filter(l -> l.startsWith("test")).findFirst()
                .orElseThrow();
    }

    private Path train(Components components, RunConfig config, SparkConfig.DataFrom data, String runs)
            throws IOException {
        SparkConfig settings = new SparkConfig(SparkConfig.Mode.ALL_REDUCE, SparkConfig.DEFAULT_K, 2, 32, data);
        SparkLaunch launch = new SparkLaunch("local[2]", settings, Set.of(), List.of());
        StringWriter printed = new StringWriter();
        return new TrainingRun(components, new PrintWriter(printed, true), Progress.LINES).spark(launch)
                .start(config, dir.resolve(runs)).folder().dir();
    }

    /** The engine's CSV source, counting the reads. */
    private record CountingCsv(AtomicInteger reads) implements DataSourceProvider {

        private static final CsvSourceProvider CSV = new CsvSourceProvider();

        @Override
        public String name() {
            return CSV.name();
        }

        @Override
        public String description() {
            return CSV.description();
        }

        @Override
        public List<OptionSpec> options() {
            return CSV.options();
        }

        @Override
        public DataSource create(Options options, DataContext context) {
            DataSource source = CSV.create(options, context);
            return () -> {
                reads.incrementAndGet();
                return source.read();
            };
        }
    }
}
