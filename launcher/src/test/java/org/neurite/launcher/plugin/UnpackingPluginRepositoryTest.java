package org.neurite.launcher.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackingPluginRepositoryTest {

    @TempDir
    Path dir;

    private Path zip(String name, int entries, int bytesEach) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path zip = plugins.resolve(name + ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (int i = 0; i < entries; i++) {
                out.putNextEntry(new ZipEntry(bytesEach < 0 ? "folder" + i + "/" : "lib/part" + i));
                out.write(new byte[Math.max(0, bytesEach)]); // zeros: a few bytes once compressed
                out.closeEntry();
            }
        }
        return zip;
    }

    private List<PluginStatus> unpack(long maxBytes, int maxEntries) {
        UnpackingPluginRepository repository = new UnpackingPluginRepository(List.of(dir.resolve("plugins")),
                dir.resolve("cache"), maxBytes, maxEntries);
        assertThat(repository.getPluginPaths()).isEmpty();
        return repository.failures();
    }

    private void assertNothingStaysInTheCache() throws IOException {
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aZipUnpackingToMoreThanTheCapIsRefusedAndRemoved() throws IOException {
        zip("bomb", 4, 1 << 20);

        List<PluginStatus> failures = unpack(3L << 20, 100);

        assertThat(failures).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("cannot unpack"
                + " bomb.zip: it unpacks to more than 3145728 bytes (at entry lib/part3), more than a plugin may;"
                + " refused and removed"));
        assertNothingStaysInTheCache();
    }

    @Test
    void aZipOfTooManyEntriesIsRefusedAndRemoved() throws IOException {
        zip("many", 30, 1);

        assertThat(unpack(1L << 20, 20)).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("cannot unpack many.zip: more than 20 entries, more than a plugin may hold; refused and removed"));
        assertNothingStaysInTheCache();
    }

    @Test
    void anEmptyZipOrOneOfFoldersOnlyIsReported() throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        Files.write(dir.resolve("plugins/empty.zip"), new byte[0]);
        zip("folders", 2, -1);

        assertThat(unpack(1L << 20, 20)).extracting(PluginStatus::reason).containsExactly(
                "cannot unpack empty.zip: not a zip file, or an empty one",
                "cannot unpack folders.zip: the zip holds no files (only folders); expected plugin.properties and"
                        + " classes/ or lib/");
    }
}
