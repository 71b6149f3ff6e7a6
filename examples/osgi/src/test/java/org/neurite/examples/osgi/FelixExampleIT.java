package org.neurite.examples.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

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
        assertThat((Double) result.get("startToFirstPredictionMillis")).isPositive();
        assertThat((String) result.get("firstPrediction")).matches(".+ \\(\\d\\) p=.*");
        assertThat((Double) result.get("validationAccuracy")).isGreaterThan(0.7);
        assertThat((Double) result.get("testAccuracy")).isGreaterThan(0.7);
    }
}
