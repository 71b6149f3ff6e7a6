package org.neurite.engine.data.source;

import java.util.List;

import org.neurite.api.DataContext;
import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.DescribedProvider;
import org.neurite.engine.options.OptionReader;

/** Provides the data format {@code windows}: sliding windows over a numeric CSV time series, for forecasting. */
public final class WindowsSourceProvider extends DescribedProvider implements DataSourceProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("path", OptionType.STRING, "The CSV file, one row per time step, numbers only."),
            OptionSpec.required("window", OptionType.INTEGER, "Rows per sample: input 'series' [window, columns]."),
            OptionSpec.optional("target", OptionType.STRING, null,
                    "The column forecast: its header name, or its index from 0 as a string (\"2\"); default the last column."),
            OptionSpec.optional("horizon", OptionType.INTEGER, 1,
                    "How many rows after a window's last row its target is taken."),
            OptionSpec.optional("stride", OptionType.INTEGER, 1, "Rows from one window's start to the next."),
            OptionSpec.optional("header", OptionType.BOOLEAN, true, "Whether the first line names the columns."),
            OptionSpec.optional("delimiter", OptionType.STRING, ",", "The character between fields."));

    /** The provider of {@code windows}. */
    public WindowsSourceProvider() {
        super("windows", "Sliding windows over a numeric CSV time series (input 'series' [window, columns]) with the target"
                + " column's value horizon rows later as a regression target; a held-out share is the end.",
                OPTIONS);
    }

    @Override
    public DataSource create(Options options, DataContext context) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        int window = in.positiveInt("window");
        int horizon = in.positiveInt("horizon");
        int stride = in.positiveInt("stride");
        String delimiter = options.getString("delimiter", ",");
        if (delimiter.length() != 1) {
            throw new OptionException(options.pathOf("delimiter"), "expected one character, got \"" + delimiter + "\"");
        }
        Object target = options.raw("target");
        return new WindowsSource(options, context.file(options, "path"), in.flag("header"), delimiter.charAt(0),
                target == null ? null : String.valueOf(target), window, horizon, stride);
    }
}
