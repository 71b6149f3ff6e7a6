package org.neurite.examples.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example, shortened: one epoch on 6,000 training samples inside Felix, on the packaged jars. */
class FelixExampleIT {

    @Test
    void trainsAndEvaluatesTheMlpInsideFelix(@TempDir Path storage) throws Exception {
        Path target = Path.of("target");
        Map<String, Object> result = FelixLauncher.run(target.resolve("bundles"), target.resolve("neurite-example-osgi.jar"),
                storage, Map.of("data", Path.of("../data/fashion-mnist").toAbsolutePath().toString(), "epochs", 1,
                        "trainLimit", 6000));
        System.out.println("Felix start to first prediction: " + result.get("startToFirstPredictionMillis") + " ms");
        assertThat((Double) result.get("startToFirstPredictionMillis")).isGreaterThan((Double) result.get("startToBundlesActiveMillis"));
        assertThat((String) result.get("firstPrediction")).matches(".+ \\(\\d\\) p=.*");
        assertThat((Double) result.get("validationAccuracy")).isGreaterThan(0.7);
        assertThat((Double) result.get("testAccuracy")).isGreaterThan(0.7);
    }

    @Test
    void theJarRunsInsideFelixOnThePlainKernelsWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-jar", "target/neurite-example-osgi.jar", "../data/fashion-mnist",
                "--epochs", "1", "--train-limit", "1000")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("WARNING: GEMM kernel: plain Java", "Felix start to first prediction: ")
                .containsPattern("test accuracy 0\\.[3-9]");
    }
}
