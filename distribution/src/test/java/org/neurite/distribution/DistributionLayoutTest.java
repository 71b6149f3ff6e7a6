package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What the assembled folder and its archive hold. */
class DistributionLayoutTest {

    private final Distribution distribution = Distribution.assembled();
    private final String version = Distribution.requiredProperty("neurite.version");

    @Test
    void libHoldsTheLauncherEngineApiAndTheirDependenciesButNoTestLibraries() throws IOException {
        List<String> jars = fileNames(distribution.home().resolve("lib"));

        assertThat(jars).contains("neurite-launcher-" + version + ".jar", "neurite-engine-" + version + ".jar",
                "neurite-api-" + version + ".jar", "pf4j-3.14.1.jar", "guice-7.0.0.jar", "picocli-4.7.7.jar");
        assertThat(jars).allMatch(name -> name.endsWith(".jar"));
        assertThat(jars).noneMatch(name -> name.startsWith("junit") || name.startsWith("mockito")
                || name.startsWith("assertj") || name.startsWith("byte-buddy"));
    }

    @Test
    void libHoldsNeuriteSparkButNoSparkOrScalaJar() throws IOException {
        List<String> jars = fileNames(distribution.home().resolve("lib"));

        // Spark is about 136 jars: a cluster, or SPARK_HOME for train --spark, brings it
        assertThat(jars).contains("neurite-spark-" + version + ".jar");
        assertThat(jars).noneMatch(name -> name.startsWith("spark-") || name.startsWith("scala-")
                || name.startsWith("jackson-module-scala") || name.startsWith("hadoop-") || name.startsWith("log4j-"));
    }

    @Test
    void theApiAndEngineJarsTakeAtMostOneMegabyteTogether() throws IOException {
        Path lib = distribution.home().resolve("lib");
        long api = Files.size(lib.resolve("neurite-api-" + version + ".jar"));
        long engine = Files.size(lib.resolve("neurite-engine-" + version + ".jar"));

        // what an embedder adds to an application: the figure the README gives
        assertThat(api + engine).as("neurite-api %d bytes + neurite-engine %d bytes", api, engine)
                .isLessThanOrEqualTo(1_000_000);
    }

    @Test
    void examplesHoldTheRunConfigsAndTheFashionMnistFiles() throws IOException {
        Path examples = distribution.home().resolve("examples");

        assertThat(examples.resolve("fashion-mlp.yaml")).isRegularFile();
        assertThat(fileNames(examples.resolve("data/fashion-mnist"))).contains(
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(examples.resolve("embedded")).doesNotExist();
    }

    @Test
    void everyPluginModuleHasItsZipInPlugins() throws IOException {
        List<String> modules = fileNames(Path.of(Distribution.requiredProperty("neurite.pluginModules"))).stream()
                .filter(name -> !name.equals("pom.xml") && !name.equals("target")).toList();
        // Only the zips: the launcher unpacks each into a folder beside it.
        List<String> zips = fileNames(distribution.home().resolve("plugins")).stream()
                .filter(name -> name.endsWith(".zip")).toList();

        assertThat(zips).containsExactlyInAnyOrderElementsOf(
                modules.stream().map(id -> id + "-" + version + ".zip").toList());
    }

    @Test
    void theArchiveUnpacksToTheSameFolderWithAnExecutableScript() {
        Path archive = distribution.home().resolveSibling("neurite-" + version + ".tar.gz");
        CommandResult listing = Distribution.runProcess(List.of("tar", "-tvzf", archive.toString()), Path.of("."), Map.of());

        assertThat(listing.exitCode()).as(listing.toString()).isZero();
        String root = "neurite-" + version + "/";
        assertThat(listing.stdout()).containsPattern("-rwxr-xr-x\\s.*\\s" + root + "bin/neurite\\n")
                .contains(root + "lib/neurite-launcher-" + version + ".jar")
                .contains(root + "examples/fashion-mlp.yaml")
                .contains(root + "examples/data/fashion-mnist/t10k-labels-idx1-ubyte.gz");
    }

    /** @return the names in a folder, sorted; none if it does not exist */
    private static List<String> fileNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
