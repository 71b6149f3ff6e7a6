package org.neurite.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void createsFoldersAndReplacesContent() throws IOException {
        Path file = dir.resolve("runs/1/model.json");

        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second, longer");

        assertThat(file).hasContent("second, longer");
        assertThat(listing(file.getParent())).containsExactly("model.json");
    }

    @Test
    void aWriterThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        AtomicFiles.writeString(file, "complete old content");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]); // more than the buffer, so part of it reaches the disk
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(file).hasContent("complete old content");
        assertThat(listing(dir)).containsExactly("weights.safetensors");
    }

    @Test
    void aFailedFirstWriteLeavesNoFileAtAll() throws IOException {
        Path file = dir.resolve("new.json");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write('{');
            throw new IllegalStateException("serializer bug");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(file).doesNotExist();
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void givesTheFileTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written");

        AtomicFiles.writeString(written, "x");

        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
