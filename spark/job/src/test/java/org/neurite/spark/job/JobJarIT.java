package org.neurite.spark.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/** The job jar spark-submit runs: the launcher and the engine, no Spark or Scala class, Jackson relocated. */
class JobJarIT {

    @Test
    void holdsTheLauncherButNoSparkOrScalaAndRelocatesJackson() throws IOException {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("neurite-spark-job-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().startsWith("original-")).findFirst().orElseThrow();
        }
        try (JarFile job = new JarFile(jar.toFile())) {
            List<String> names = job.stream().map(ZipEntry::getName).toList();
            assertThat(job.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.neurite.launcher.Main");
            assertThat(names).contains("org/neurite/launcher/Main.class", "org/neurite/engine/train/Trainer.class",
                    "org/neurite/spark/SparkRun.class", "org/neurite/shaded/jackson/databind/ObjectMapper.class");
            assertThat(names).noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")
                    || n.startsWith("com/fasterxml/jackson/") || n.startsWith("org/slf4j/"));
        }
        // small beside Spark's 219 MiB
        assertThat(Files.size(jar)).isLessThan(40L * 1024 * 1024);
    }
}
