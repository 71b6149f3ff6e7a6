package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.neurite.api.DataSource;
import org.neurite.api.SampleSet;
import org.neurite.engine.data.CsvReader;
import org.neurite.engine.inference.Predictor;

/**
 * A numeric CSV file with one label column: input {@code [columns - 1]}, one label per row. Labels
 * that are names become classes numbered in sorted order, their names kept in the samples' info.
 */
public final class CsvSource implements DataSource {

    private final Path file;
    private final String labelName;
    private final int labelIndex;
    private final boolean header;
    private final char delimiter;

    /**
     * @param file the file
     * @param labelName the label column's header name, or {@code null}
     * @param labelIndex the label column's index when no name is given; -1 is the last
     * @param header whether the first line names the columns
     * @param delimiter the character between fields
     */
    public CsvSource(Path file, String labelName, int labelIndex, boolean header, char delimiter) {
        this.file = file;
        this.labelName = labelName;
        this.labelIndex = labelIndex;
        this.header = header;
        this.delimiter = delimiter;
    }

    @Override
    public SampleSet read() throws IOException {
        CsvReader reader = CsvReader.csv().header(header).delimiter(delimiter).values();
        reader = labelName != null ? reader.labelColumn(labelName) : reader.labelColumn(labelIndex);
        CsvReader.Labelled read = reader.readLabelled(file);
        // labels that are names (setosa, versicolor) number the classes in sorted order and name them
        return DatasetSamples.of(file.toString(), read.data(), read.classNames() == null ? Map.of()
                : Map.of(Predictor.CLASS_NAMES, read.classNames()));
    }
}
