package org.neurite.engine.data.source;

import java.nio.file.Path;
import java.util.List;

import org.neurite.api.DataContext;
import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.DescribedProvider;

/** Provides the data format {@code csv}: a numeric CSV file with one label column. */
public final class CsvSourceProvider extends DescribedProvider implements DataSourceProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("path", OptionType.STRING, "The CSV file."),
            OptionSpec.optional("label", OptionType.STRING, null,
                    "The label column: its header name, or its index from 0 as a string (\"2\"); default the last column."),
            OptionSpec.optional("header", OptionType.BOOLEAN, true, "Whether the first line names the columns."),
            OptionSpec.optional("delimiter", OptionType.STRING, ",", "The character between fields."));

    /** The provider of {@code csv}. */
    public CsvSourceProvider() {
        super("csv", "A numeric CSV file with one label column: input [columns - 1], one label per row.", OPTIONS);
    }

    @Override
    public DataSource create(Options options, DataContext context) {
        boolean header = options.getBoolean("header", true);
        String label = options.getString("label", null);
        String labelName = label != null && !label.matches("\\d+") ? label : null;
        int labelIndex = label != null && labelName == null ? Integer.parseInt(label) : -1;
        if (labelName != null && !header) {
            throw new OptionException(options.pathOf("label"), "a label column named \"" + labelName
                    + "\" needs a header line (header: true), or give its index");
        }
        String delimiter = options.getString("delimiter", ",");
        if (delimiter.length() != 1 || delimiter.equals("\"")) {
            throw new OptionException(options.pathOf("delimiter"), "expected one character other than a quote, got \""
                    + delimiter + "\"");
        }
        Path file = context.file(options, "path");
        return new CsvSource(file, labelName, labelIndex, header, delimiter.charAt(0));
    }
}
