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
import org.neurite.engine.options.OptionReader;

/** Provides the data format {@code sequences}: variable-length sequences, padded, with a mask. */
public final class SequencesSourceProvider extends DescribedProvider implements DataSourceProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("path", OptionType.STRING, "JSON lines ({\"steps\": [...], \"label\": ...}, file name"
                    + " ending .jsonl) or CSV (label, then the steps' values)."),
            OptionSpec.optional("features", OptionType.INTEGER, 0,
                    "Values per step (input 'features' [T, F]); 0 for one token id per step (input 'tokens' [T])."),
            OptionSpec.optional("labels", OptionType.STRING, "sequence",
                    "sequence (one label each), step (one class per step; -100 at padding) or step_values (a value or"
                    + " a list of values per step, targets [T, V] for a regression loss; NaN, ignored, at padding);"
                    + " per step needs JSON lines."),
            OptionSpec.optional("length", OptionType.INTEGER, null,
                    "Steps every sequence is padded to (T); by default each batch is padded to its own longest"
                    + " sequence (T, the longest in the file, is then the most a batch has)."),
            OptionSpec.optional("vocabulary", OptionType.INTEGER, null,
                    "The number of token ids; an id outside [0, vocabulary) is an error."),
            OptionSpec.optional("classes", OptionType.INTEGER, null,
                    "The number of classes of per-step labels; default one more than the largest label."));

    /** The provider of {@code sequences}. */
    public SequencesSourceProvider() {
        super("sequences", "Variable-length token or feature sequences from JSON lines or CSV, padded per batch (or to a given"
                + " length) with an input 'mask' (1 real, 0 padding); a label per sequence, a class or values per step.",
                OPTIONS);
    }

    @Override
    public DataSource create(Options options, DataContext context) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        int features = in.integer("features");
        if (features < 0) {
            throw new OptionException(options.pathOf("features"), "expected 0 (token ids) or more, got " + features);
        }
        SequencesSource.Labels labels = SequencesSource.Labels.valueOf(
                in.choice("labels", List.of("sequence", "step", "step_values")).toUpperCase(java.util.Locale.ROOT));
        boolean perStep = labels != SequencesSource.Labels.SEQUENCE;
        int length = options.has("length") ? in.positiveInt("length") : 0;
        int vocabulary = options.has("vocabulary") ? in.positiveInt("vocabulary") : 0;
        int classes = options.has("classes") ? in.positiveInt("classes") : 0;
        Path file = context.file(options, "path");
        if (perStep && !SequenceFile.isJsonLines(file)) {
            throw new OptionException(options.pathOf("labels"), "labels per step need JSON lines (a file ending .jsonl),"
                    + " not CSV: " + file.getFileName());
        }
        return new SequencesSource(file, features, labels, length, vocabulary, classes);
    }
}
