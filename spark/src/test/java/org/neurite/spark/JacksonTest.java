package org.neurite.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.cfg.PackageVersion;

/**
 * Spark runs with Neurite's Jackson on the class path (the version the launcher reads configs
 * with), including Spark's Scala module, which refuses a databind of another minor version: the
 * context starts, runs a job and logs its events as JSON through Spark's own Jackson mapper.
 */
class JacksonTest {

    @Test
    void aSparkContextStartsAndLogsItsEventsAsJsonWithNeuritesJackson() throws Exception {
        assertThat(PackageVersion.VERSION.toString()).isEqualTo(System.getProperty("neurite.jackson.version"));
        JavaSparkContext spark = LocalSpark.shared();
        assertThat(spark.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x * x).reduce(Integer::sum)).isEqualTo(30);
        String log = "";
        // the event log is written from Spark's listener thread, soon after the job ends
        for (int i = 0; i < 100 && !log.contains("SparkListenerJobEnd"); i++) {
            Thread.sleep(100);
            log = eventLog(spark.sc().applicationId());
        }
        assertThat(log).contains("\"Event\":\"SparkListenerJobEnd\"");
    }

    /** The text of the application's event log (a file, or a folder of rolled files). */
    private static String eventLog(String application) throws IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.walk(LocalSpark.EVENTS)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().contains(application)).toList()) {
                text.append(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }
}
