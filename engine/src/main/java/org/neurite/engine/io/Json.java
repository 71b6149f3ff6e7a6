package org.neurite.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.neurite.engine.data.source.Utf8Text;

/**
 * A small JSON reader and writer for model files and file headers, so that the engine needs
 * nothing beyond the JDK and the api.
 *
 * <p>Reading maps objects to {@code LinkedHashMap<String, Object>} (keys in file order),
 * arrays to {@code List<Object>}, integral numbers to {@link Long} (or {@link Double} when
 * they do not fit), other numbers to {@link Double}, and {@code true}, {@code false},
 * {@code null} to {@link Boolean} and {@code null}. Malformed text raises a
 * {@link FileFormatException} naming the source, the line and the column.
 *
 * <p>Writing accepts maps with string keys, lists and other iterables, arrays of
 * primitives and objects, strings, numbers, booleans and {@code null}; keys come out in
 * the map's iteration order, so a {@code LinkedHashMap} gives a stable layout.
 */
public final class Json {

    private Json() {
    }

    /**
     * Writes a value as indented JSON (two spaces per level; arrays holding only numbers,
     * strings, booleans or nulls stay on one line).
     *
     * @param value the value to write
     * @return the JSON text, without a trailing newline
     * @throws IllegalArgumentException if the value holds something JSON cannot express (a
     *     non-finite number, a non-string key, an unsupported type), naming where
     */
    public static String write(Object value) {
        return JsonWriter.write(value, true);
    }

    /**
     * Writes a value as JSON without any whitespace, as file headers store it.
     *
     * @param value the value to write
     * @return the JSON text
     * @throws IllegalArgumentException if the value holds something JSON cannot express
     */
    public static String writeCompact(Object value) {
        return JsonWriter.write(value, false);
    }

    /**
     * Writes a value as indented JSON to a file, atomically, ending with a newline.
     *
     * @param file the file to write
     * @param value the value to write
     * @throws IOException if writing fails
     */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, write(value) + "\n");
    }

    /**
     * Reads one JSON value.
     *
     * @param text the JSON text
     * @return the value
     * @throws FileFormatException if the text is not valid JSON, naming line and column
     */
    public static Object read(String text) {
        return read(text, "JSON text");
    }

    /**
     * Reads one JSON value, naming {@code source} in errors.
     *
     * @param text the JSON text
     * @param source what the text came from, such as a file name
     * @return the value
     * @throws FileFormatException if the text is not valid JSON, naming source, line and column
     */
    public static Object read(String text, String source) {
        return new JsonParser(text, source).parseDocument();
    }

    /**
     * Reads one JSON value from a UTF-8 file.
     *
     * @param file the file
     * @return the value
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if it is not valid JSON, naming the file, line and column
     */
    public static Object read(Path file) throws IOException {
        return read(Utf8Text.decode(Files.readAllBytes(file), file.toString()), file.toString());
    }
}
