package org.neurite.engine.data.source;

import java.util.Arrays;
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

/** Provides the data format {@code text}: a UTF-8 file as windows of character ids with next-character targets. */
public final class TextSourceProvider extends DescribedProvider implements DataSourceProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("path", OptionType.STRING, "The UTF-8 text file."),
            OptionSpec.required("window", OptionType.INTEGER,
                    "Characters per sample (T): input ids [T], targets the next character at every step [T]."),
            OptionSpec.optional("stride", OptionType.INTEGER, null,
                    "Characters from one window's start to the next; default the window (no overlap)."),
            OptionSpec.optional("random_windows", OptionType.INTEGER, null,
                    "Instead of a window every stride: this many windows at random starts (uniform, with"
                            + " replacement, from the run's seed), drawn once; steps x batch size gives one fresh"
                            + " batch of random windows per step."),
            OptionSpec.optional("held_out_windows", OptionType.INTEGER, null,
                    "With a validation split: this many random windows of the held-out part (a stream of its"
                            + " own, fixed for the run) instead of a window every stride."),
            OptionSpec.optional("streams", OptionType.INTEGER, null,
                    "Cut the text into this many stretches of contiguous windows, interleaved so that in batches of"
                            + " this size in order (training.shuffle: false) row r of every batch continues row r of"
                            + " the batch before: the data of stateful recurrent layers."),
            OptionSpec.optional("vocabulary", OptionType.STRING, null,
                    "A JSON list of the characters in id order, or a model.json holding one; default the text's"
                            + " distinct characters in code point order."));

    /** The provider of {@code text}. */
    public TextSourceProvider() {
        super("text", "A UTF-8 text as windows of character ids (input 'tokens') with the next character as the target"
                + " of every step; a held-out share is the end of the text.",
                OPTIONS);
    }

    @Override
    public DataSource create(Options options, DataContext context) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        int window = in.positiveInt("window");
        String[] layouts = {"stride", "random_windows", "streams"};
        List<String> given = Arrays.stream(layouts).filter(options::has).toList();
        if (given.size() > 1) {
            throw new OptionException(options.pathOf(given.get(1)), "give only one of stride, random_windows and"
                    + " streams: each says where the windows start");
        }
        TextSource.Layout stride = new TextSource.Layout.Strided(options.has("stride") ? in.positiveInt("stride") : window);
        TextSource.Layout layout = options.has("random_windows") ? new TextSource.Layout.Random(in.positiveInt("random_windows"))
                : options.has("streams") ? new TextSource.Layout.Streams(in.positiveInt("streams")) : stride;
        TextSource.Layout heldOut = options.has("held_out_windows")
                ? new TextSource.Layout.Random(in.positiveInt("held_out_windows")) : stride;
        return new TextSource(options, context.file(options, "path"), options.has("vocabulary")
                ? context.file(options, "vocabulary") : null, window, layout, heldOut, context.seed());
    }
}
