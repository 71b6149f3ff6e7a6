package org.neurite.spark.travel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Runs code with a fresh temporary folder that is deleted afterwards. */
public final class TemporaryFolder {

    /**
     * What runs with the folder.
     *
     * @param <T> what it gives
     */
    public interface Use<T> {
        /**
         * @param folder the fresh folder
         * @return the outcome
         * @throws IOException if a file cannot be read or written
         */
        T apply(Path folder) throws IOException;
    }

    private TemporaryFolder() {
    }

    /**
     * @param prefix the start of the folder's name
     * @param use what runs with it
     * @param <T> what it gives
     * @return what {@code use} gave
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static <T> T use(String prefix, Use<T> use) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory(prefix);
            return use.apply(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(folder);
        }
    }

    static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a step for
        }
    }
}
