package org.neurite.launcher.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCacheTest {

    @TempDir
    Path dir;

    private Path unpacked(String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cache").resolve(name));
        Files.createDirectories(folder.resolve("classes"));
        Files.writeString(folder.resolve("plugin.properties"), "plugin.id=" + name + "\n");
        return folder;
    }

    private static Path lastUsed(Path folder, Duration ago) throws IOException {
        Files.setLastModifiedTime(folder, FileTime.from(Instant.now().minus(ago)));
        return folder;
    }

    private List<String> left() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void removesTheCacheFoldersNobodyHasUsedForLongerThanTheGraceAndKeepsTheRest() throws IOException {
        lastUsed(unpacked("cnn-0.2.0-SNAPSHOT-0ab9c4547771"), Duration.ofHours(3));
        lastUsed(unpacked("cnn-0.2.0-SNAPSHOT-1501ac9ed043"), Duration.ofMinutes(10));
        lastUsed(Files.createDirectories(dir.resolve("cache/.unpacking-123")), Duration.ofHours(3));
        // names the cache does not give are not its to remove, however old
        lastUsed(unpacked("my-notes"), Duration.ofHours(3));
        lastUsed(unpacked("cnn-0.2.0-SNAPSHOT-NOTHEX000000"), Duration.ofHours(3));
        Files.writeString(dir.resolve("cache/classes-1-2.jsa"), "archive");

        List<Path> removed = PluginCache.removeStale(dir.resolve("cache"), Duration.ofHours(1));

        assertThat(removed).extracting(p -> p.getFileName().toString())
                .containsExactly(".unpacking-123", "cnn-0.2.0-SNAPSHOT-0ab9c4547771");
        assertThat(left()).containsExactly("classes-1-2.jsa", "cnn-0.2.0-SNAPSHOT-1501ac9ed043",
                "cnn-0.2.0-SNAPSHOT-NOTHEX000000", "my-notes");
    }

    @Test
    void keepsAFolderThisProcessUsesHoweverLongAgoItWasMarked() throws IOException {
        Path used = unpacked("perceptron-0.2.0-SNAPSHOT-17dba793743c");
        assertThat(PluginCache.use(used)).isTrue();
        lastUsed(used, Duration.ofDays(2));

        assertThat(PluginCache.removeStale(dir.resolve("cache"), Duration.ofHours(1))).isEmpty();
        assertThat(used.resolve("plugin.properties")).exists();
    }

    @Test
    void keepsAFolderAnotherProcessHoldsTheLockOf() throws IOException, InterruptedException {
        Path used = unpacked("gru-0.2.0-SNAPSHOT-2a21868b500c");
        Path free = unpacked("gru-0.2.0-SNAPSHOT-3858bc9e6aa4");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UsingProcess.class.getName(), used.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("using");
            lastUsed(used, Duration.ofHours(3));
            lastUsed(free, Duration.ofHours(3));

            assertThat(PluginCache.removeStale(dir.resolve("cache"), Duration.ofHours(1))).containsExactly(free);
            assertThat(left()).containsExactly("gru-0.2.0-SNAPSHOT-2a21868b500c");
        } finally {
            other.getOutputStream().close(); // ends the other process
            assertThat(other.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        // once the other process has ended, its folder goes too
        assertThat(PluginCache.removeStale(dir.resolve("cache"), Duration.ofHours(1))).containsExactly(used);
    }

    @Test
    void aFolderRemovedOrHalfDeletedAsALauncherComesToItIsNotWhole() throws IOException {
        assertThat(PluginCache.use(dir.resolve("cache/lstm-0.2.0-SNAPSHOT-42d1ab696ea6"))).isFalse();
        Path halfDeleted = unpacked("lstm-0.2.0-SNAPSHOT-6a2c0e9d1b7f");
        Files.delete(halfDeleted.resolve("classes"));

        assertThat(PluginCache.use(halfDeleted)).isFalse();
    }

    @Test
    void aRebuiltPluginsOldFolderGoesOnceUnusedForLongerThanTheGrace() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path old = lastUsed(unpacked("rnn-0.2.0-SNAPSHOT-0df22b534dea"), PluginCache.KEEP_UNUSED.plusHours(1));
        try (OutputStream file = Files.newOutputStream(plugins.resolve("rnn-0.2.0-SNAPSHOT.zip"));
                ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("plugin.properties"));
            zip.write("plugin.id=rnn\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("classes/Rnn.class"));
        }

        List<Path> paths = new UnpackingPluginRepository(List.of(plugins), dir.resolve("cache")).getPluginPaths();

        assertThat(paths).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                .matches("rnn-0\\.2\\.0-SNAPSHOT-[0-9a-f]{12}").isNotEqualTo(old.getFileName().toString()));
        assertThat(left()).containsExactly(paths.get(0).getFileName().toString());
    }

    /** Another launcher: marks the folder its argument names, says so, and runs until its input ends. */
    public static final class UsingProcess {
        public static void main(String[] args) throws IOException {
            if (!PluginCache.use(Path.of(args[0]))) {
                System.exit(3);
            }
            System.out.println("using");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait
            }
        }
    }
}
