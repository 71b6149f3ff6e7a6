package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.neurite.engine.io.FileFormatException;

/**
 * A CSV file of numbers, row by row: an optional header line of column names, then every line
 * the same number of numeric fields. Blank lines at the end are allowed; elsewhere they are an error.
 *
 * @param names the column names (from the header, or {@code 0, 1, ...} without one)
 * @param values the numbers, row-major
 * @param rows the number of rows
 */
record NumericTable(List<String> names, float[] values, int rows) {

    /** @return the number of columns */
    int columns() {
        return names.size();
    }

    static NumericTable read(Path file, boolean header, char delimiter) throws IOException {
        String source = file.toString();
        String[] lines = Utf8Text.read(file).split("\r?\n", -1);
        int last = lines.length;
        while (last > 0 && lines[last - 1].isBlank()) {
            last--;
        }
        List<String> names = new ArrayList<>();
        int first = 0;
        if (header) {
            for (String name : split(lines[0], delimiter)) {
                names.add(name.trim());
            }
            first = 1;
        } else {
            for (int c = 0; c < split(lines[0], delimiter).length; c++) {
                names.add(Integer.toString(c));
            }
        }
        int columns = names.size();
        float[] values = new float[Math.max(0, last - first) * columns];
        for (int i = first; i < last; i++) {
            String[] fields = split(lines[i], delimiter);
            if (lines[i].isBlank() || fields.length != columns) {
                throw new FileFormatException(source, "line " + (i + 1), (lines[i].isBlank() ? "empty row"
                        : fields.length + " fields") + "; expected " + columns + " (as " + (header ? "the header" : "line 1")
                        + ")");
            }
            for (int c = 0; c < columns; c++) {
                String text = fields[c].trim();
                try {
                    values[(i - first) * columns + c] = Float.parseFloat(text);
                } catch (NumberFormatException e) {
                    throw new FileFormatException(source, "line " + (i + 1) + ", column " + (c + 1) + " (" + names.get(c)
                            + ")", "expected a number, found \"" + text + "\"");
                }
            }
        }
        return new NumericTable(List.copyOf(names), values, last - first);
    }

    private static String[] split(String line, char delimiter) {
        return line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
    }
}
