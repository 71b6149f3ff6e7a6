package org.neurite.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.neurite.api.Names;
import org.neurite.api.Shape;
import org.neurite.engine.data.source.Utf8Text;
import org.neurite.engine.io.FileFormatException;

/**
 * Reads a numeric CSV file into a {@link Dataset}: one sample per line, one column holding the
 * label (a class index, or a float target for regression; or a class name, when no label is a
 * number: see {@link #readLabelled(Path)}), every other column a feature.
 * Fields are trimmed and may be wrapped in double quotes; blank lines are skipped.
 *
 * <pre>{@code
 * Dataset d = CsvReader.csv().labelColumn("species").read(Path.of("iris.csv"));
 * Dataset r = CsvReader.csv().delimiter(';').header(false).labelColumn(0).values().read(file);
 * }</pre>
 *
 * <p>A reader is immutable: each setting returns a new reader. By default the delimiter is a
 * comma, the first line is a header, the label is the last column, and labels are class
 * indices whose count is one more than the largest. Problems raise a
 * {@link FileFormatException} naming the file, the line, the column and the bad text.
 */
public final class CsvReader {

    private final char delimiter;
    private final boolean header;
    private final String labelName;
    private final int labelIndex;
    private final boolean classes;
    private final int numClasses;

    private CsvReader(char delimiter, boolean header, String labelName, int labelIndex, boolean classes, int numClasses) {
        this.delimiter = delimiter;
        this.header = header;
        this.labelName = labelName;
        this.labelIndex = labelIndex;
        this.classes = classes;
        this.numClasses = numClasses;
    }

    /** @return a reader with the defaults: comma, header line, label in the last column, class indices */
    public static CsvReader csv() {
        return new CsvReader(',', true, null, -1, true, 0);
    }

    /**
     * @param c the character between fields, such as {@code ';'} or {@code '\t'}
     * @return a reader with that delimiter
     */
    public CsvReader delimiter(char c) {
        if (c == '"' || c == '\n' || c == '\r') {
            throw new IllegalArgumentException("csv: the delimiter cannot be " + (c == '"' ? "a quote" : "a line break"));
        }
        return new CsvReader(c, header, labelName, labelIndex, classes, numClasses);
    }

    /**
     * @param hasHeader whether the first line names the columns
     * @return a reader with that setting
     */
    public CsvReader header(boolean hasHeader) {
        return new CsvReader(delimiter, hasHeader, labelName, labelIndex, classes, numClasses);
    }

    /**
     * @param name the header name of the label column (needs a header line)
     * @return a reader taking the label from that column
     */
    public CsvReader labelColumn(String name) {
        return new CsvReader(delimiter, header, name, 0, classes, numClasses);
    }

    /**
     * @param index the label column, from 0; a negative index counts from the end ({@code -1} is the last)
     * @return a reader taking the label from that column
     */
    public CsvReader labelColumn(int index) {
        return new CsvReader(delimiter, header, null, index, classes, numClasses);
    }

    /** @return a reader taking labels as class indices, as many classes as the largest label plus one */
    public CsvReader classes() {
        return new CsvReader(delimiter, header, labelName, labelIndex, true, 0);
    }

    /**
     * @param count the number of classes; every label must lie in {@code [0, count)}
     * @return a reader taking labels as class indices
     */
    public CsvReader classes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("csv: the number of classes must be at least 1, found " + count);
        }
        return new CsvReader(delimiter, header, labelName, labelIndex, true, count);
    }

    /** @return a reader taking labels as float targets, for regression */
    public CsvReader values() {
        return new CsvReader(delimiter, header, labelName, labelIndex, false, 0);
    }

    /**
     * Reads a UTF-8 file.
     *
     * @param file the file
     * @return the dataset: features {@code [columns - 1]}, targets {@code []}
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if the content does not fit, naming line, column and text
     */
    public Dataset read(Path file) throws IOException {
        return readLabelled(file).data();
    }

    /**
     * Reads CSV text.
     *
     * @param text the text
     * @param source what it came from, for messages
     * @return the dataset
     */
    public Dataset read(String text, String source) {
        try {
            return read(new StringReader(text), source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * Reads CSV from a reader.
     *
     * @param in the reader, not closed here
     * @param source what it came from, for messages
     * @return the dataset
     * @throws IOException if reading fails
     */
    public Dataset read(Reader in, String source) throws IOException {
        return readLabelled(in, source).data();
    }

    /**
     * Samples read from a CSV file, and the names of their classes when the labels are names.
     *
     * @param data the samples
     * @param classNames the distinct labels in sorted order (label {@code i} is class {@code i}),
     *     or {@code null} when the labels are numbers
     */
    public record Labelled(Dataset data, java.util.List<String> classNames) {
    }

    /**
     * Reads a UTF-8 file whose labels may be names ({@code setosa}, {@code versicolor}): when no
     * label is a number, the distinct labels in sorted order are the classes (as scikit-learn's
     * {@code LabelEncoder} numbers them).
     *
     * @param file the file
     * @return the samples and their class names
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if the content does not fit, naming line, column and text
     */
    public Labelled readLabelled(Path file) throws IOException {
        String text = Utf8Text.decode(Files.readAllBytes(file), file.toString());
        return readLabelled(new StringReader(text), file.toString());
    }

    /**
     * Reads CSV whose labels may be names, as {@link #readLabelled(Path)}.
     *
     * @param in the reader, not closed here
     * @param source what it came from, for messages
     * @return the samples and their class names
     * @throws IOException if reading fails
     */
    public Labelled readLabelled(Reader in, String source) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<String> names = null;
        int columns = -1;
        int firstLine = 0;
        int label = -1;
        List<float[]> rows = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<String> labelTexts = new ArrayList<>();
        List<Integer> labelLines = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = split(line);
            if (columns < 0) {
                columns = fields.length;
                firstLine = lineNumber;
                if (header) {
                    names = Arrays.asList(fields);
                }
                label = labelColumn(names, columns, source, lineNumber);
                if (columns < 2) {
                    throw new FileFormatException(source, "line " + lineNumber, "expected a label column and at least"
                            + " one feature column, found " + columns + " column");
                }
                if (header) {
                    continue;
                }
            } else if (fields.length != columns) {
                throw new FileFormatException(source, "line " + lineNumber, "expected " + columns + " columns as in line "
                        + firstLine + ", found " + fields.length);
            }
            float[] row = new float[columns - 1];
            for (int c = 0, f = 0; c < columns; c++) {
                if (c == label) {
                    labelTexts.add(fields[c]);
                    labelLines.add(lineNumber);
                } else {
                    row[f++] = number(fields[c], source, lineNumber, c, names);
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new FileFormatException(source, "line " + Math.max(lineNumber, 1), "expected at least one row of data,"
                    + " found none");
        }
        List<String> classNames = null;
        if (labelTexts.stream().noneMatch(CsvReader::isNumber)) {
            classNames = labelTexts.stream().distinct().sorted().toList();
            for (String text : labelTexts) {
                labels.add((float) classNames.indexOf(text));
            }
        } else {
            for (int i = 0; i < labelTexts.size(); i++) {
                float v = number(labelTexts.get(i), source, labelLines.get(i), label, names);
                checkLabel(v, labelTexts.get(i), source, labelLines.get(i), label, names);
                labels.add(v);
            }
        }
        Dataset data = classNames != null
                ? Dataset.ofClasses(features(rows, columns - 1), Shape.of(columns - 1), floats(labels), classNames.size())
                : dataset(rows, labels, columns - 1);
        return new Labelled(data, classNames);
    }

    private static float[] features(List<float[]> rows, int featureCount) {
        float[] x = new float[rows.size() * featureCount];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * featureCount, featureCount);
        }
        return x;
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private Dataset dataset(List<float[]> rows, List<Float> labels, int featureCount) {
        float[] x = new float[rows.size() * featureCount];
        float[] y = new float[rows.size()];
        float max = 0;
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * featureCount, featureCount);
            y[i] = labels.get(i);
            max = Math.max(max, y[i]);
        }
        Shape features = Shape.of(featureCount);
        if (!classes) {
            return Dataset.ofValues(x, features, y, Shape.scalar());
        }
        return Dataset.ofClasses(x, features, y, numClasses > 0 ? numClasses : (int) max + 1);
    }

    private int labelColumn(List<String> names, int columns, String source, int lineNumber) {
        if (labelName != null) {
            if (names == null) {
                throw new IllegalArgumentException("csv: label column \"" + labelName + "\" is chosen by name, but "
                        + source + " is read without a header line");
            }
            int i = names.indexOf(labelName);
            if (i < 0) {
                String closest = Names.closest(labelName, names);
                throw new FileFormatException(source, "line " + lineNumber, "expected a column named \"" + labelName
                        + "\", found " + String.join(", ", names)
                        + (closest != null ? " (did you mean \"" + closest + "\"?)" : ""));
            }
            return i;
        }
        int i = labelIndex < 0 ? labelIndex + columns : labelIndex;
        if (i < 0 || i >= columns) {
            throw new FileFormatException(source, "line " + lineNumber, "expected label column " + labelIndex
                    + " among the " + columns + " columns");
        }
        return i;
    }

    private void checkLabel(float v, String text, String source, int lineNumber, int column, List<String> names) {
        if (!classes) {
            return;
        }
        if (!(v >= 0 && v == Math.rint(v)) || (numClasses > 0 && v >= numClasses)) {
            throw new FileFormatException(source, where(lineNumber, column, names), "expected a class index"
                    + (numClasses > 0 ? " in [0, " + numClasses + ")" : " (a whole number from 0)") + ", found \""
                    + text + "\"");
        }
    }

    private String[] split(String line) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                String f = line.substring(start, i).strip();
                if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                    f = f.substring(1, f.length() - 1).strip();
                }
                fields.add(f);
                start = i + 1;
            }
        }
        return fields.toArray(String[]::new);
    }

    private static boolean isNumber(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            digit |= c >= '0' && c <= '9';
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return digit;
    }

    /** Parses a plain decimal number; Java's extras ({@code 1f}, {@code 0x1p3}, {@code NaN}) are refused. */
    private static float number(String text, String source, int lineNumber, int column, List<String> names) {
        boolean digit = false;
        boolean plain = !text.isEmpty();
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            digit |= c >= '0' && c <= '9';
            plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        }
        if (plain && digit) {
            float v;
            try {
                v = Float.parseFloat(text);
            } catch (NumberFormatException e) {
                v = Float.NaN; // reported below
            }
            if (Float.isInfinite(v)) {
                throw new FileFormatException(source, where(lineNumber, column, names), "expected a number within the"
                        + " float range (about ±3.4e38), found \"" + text + "\"");
            }
            if (!Float.isNaN(v)) {
                return v;
            }
        }
        throw new FileFormatException(source, where(lineNumber, column, names), "expected a number, found "
                + (text.isEmpty() ? "an empty field" : "\"" + text + "\""));
    }

    private static String where(int lineNumber, int column, List<String> names) {
        return "line " + lineNumber + ", column " + (column + 1) + (names != null ? " (" + names.get(column) + ")" : "");
    }
}
