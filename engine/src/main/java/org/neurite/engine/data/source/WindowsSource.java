package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.neurite.api.DataSource;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;

/**
 * Sliding windows over a numeric time series (a CSV file, one row per time step): input
 * {@code series} {@code [window, columns]} holds {@code window} consecutive rows of every column,
 * and the target is the target column {@code horizon} rows after the window's last row, one
 * value (forecasting). Windows start every {@code stride} rows. A held-out share is the end of
 * the series, cut before the windows are made.
 */
final class WindowsSource implements DataSource {

    /** The name of the input. */
    static final String INPUT = "series";

    private final Options options;
    private final Path file;
    private final boolean header;
    private final char delimiter;
    private final String target;
    private final int window;
    private final int horizon;
    private final int stride;

    WindowsSource(Options options, Path file, boolean header, char delimiter, String target, int window, int horizon,
                  int stride) {
        this.options = options;
        this.file = file;
        this.header = header;
        this.delimiter = delimiter;
        this.target = target;
        this.window = window;
        this.horizon = horizon;
        this.stride = stride;
    }

    @Override
    public SampleSet read() throws IOException {
        NumericTable table = NumericTable.read(file, header, delimiter);
        return windows(table, targetColumn(table), 0, table.rows(), "");
    }

    @Override
    public Optional<SampleSet.Split> read(double heldOut) throws IOException {
        NumericTable table = NumericTable.read(file, header, delimiter);
        int column = targetColumn(table);
        int cut = (int) Math.round((1 - heldOut) * table.rows());
        return Optional.of(new SampleSet.Split(windows(table, column, 0, cut, "the first " + cut + " of "),
                windows(table, column, cut, table.rows(), "the last " + (table.rows() - cut) + " of ")));
    }

    /** The windows of rows {@code [from, to)}: each needs {@code window + horizon} rows. */
    private SampleSet windows(NumericTable table, int targetColumn, int from, int to, String part) {
        int span = window + horizon;
        if (to - from < span) {
            throw new OptionException(options.pathOf("window"), "a window of " + window + " rows and its target "
                    + horizon + " row(s) later need " + span + " rows, but " + part + file + " has " + (to - from)
                    + (part.isEmpty() ? " rows" : ""));
        }
        int columns = table.columns();
        int count = (to - from - span) / stride + 1;
        float[] inputs = new float[count * window * columns];
        float[] targets = new float[count];
        for (int s = 0; s < count; s++) {
            int start = from + s * stride;
            System.arraycopy(table.values(), start * columns, inputs, s * window * columns, window * columns);
            targets[s] = table.values()[(start + window - 1 + horizon) * columns + targetColumn];
        }
        return SampleSet.of(file.toString(), Map.of(INPUT, new SampleSet.Column(inputs, Shape.of(window, columns))),
                new SampleSet.Column(targets, Shape.scalar()), 0, Map.of());
    }

    /** The target column by header name or index from 0; by default the last. */
    private int targetColumn(NumericTable table) {
        if (target == null) {
            return table.columns() - 1;
        }
        int index = table.names().indexOf(target);
        if (index < 0 && target.matches("\\d+")) {
            index = Integer.parseInt(target);
        }
        if (index < 0 || index >= table.columns()) {
            throw new OptionException(options.pathOf("target"), "no column \"" + target + "\" in " + file
                    + "; its columns: " + String.join(", ", table.names()));
        }
        return index;
    }

}
