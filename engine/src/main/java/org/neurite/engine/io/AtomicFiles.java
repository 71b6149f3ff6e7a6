package org.neurite.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that readers only ever see the old content or the complete new content:
 * the bytes go to a temporary file beside the target, are forced to the disk, and the
 * temporary file is then renamed over the target in one atomic move. A process killed while
 * writing leaves at most a stray {@code .tmp} file, never a half-written target.
 */
public final class AtomicFiles {

    /** Numbers the temporary files of this process. */
    private static final AtomicLong COUNTER = new AtomicLong();

    /** The names of the temporary files, as {@link #createTemporary} makes them. */
    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile("\\..+\\.\\d+\\.\\d+\\.tmp");

    /** Writes the content of a file to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content.
         *
         * @param out the stream to write to; buffered, closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) a file atomically with the content written by {@code content}.
     * Missing parent folders are created. If {@code content} throws, the target is left as
     * it was and the temporary file is deleted.
     *
     * @param target the file to write
     * @param content writes the new content
     * @throws IOException if writing or the move fails, or the file system cannot move atomically
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = createTemporary(absolute);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                // On the disk before the rename, so a crash cannot expose an empty target.
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system", e);
            }
            moved = true;
            forceFolder(folder);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Replaces (or creates) a file atomically with the given bytes.
     *
     * @param target the file to write
     * @param bytes the whole new content
     * @throws IOException if writing fails
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces (or creates) a file atomically with the given text in UTF-8.
     *
     * @param target the file to write
     * @param text the whole new content
     * @throws IOException if writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes the temporary files that writes killed half-way left in a folder (those of this
     * class's naming: {@code .name.pid.n.tmp}). Call it when no other process writes there.
     *
     * @param folder the folder; nothing happens if it does not exist
     * @throws IOException if the folder cannot be listed or a file deleted
     */
    public static void removeLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (LEFTOVER.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * Creates an empty sibling of the target under a name of its own. Not createTempFile: its
     * owner-only permissions would pass to the target; this gives the usual ones.
     */
    private static Path createTemporary(Path target) throws IOException {
        while (true) {
            Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                    + "." + COUNTER.incrementAndGet() + ".tmp");
            try {
                return Files.createFile(temporary);
            } catch (FileAlreadyExistsException leftOver) {
                // from an earlier process with the same id: take the next number
            }
        }
    }

    /** Makes the rename itself durable where the platform allows syncing a folder (it does on Linux). */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open folders; the rename is still atomic there.
        }
    }
}
