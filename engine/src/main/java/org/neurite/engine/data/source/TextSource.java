package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.neurite.api.DataSource;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.Json;

/**
 * A UTF-8 text as windows of {@code window} character ids (input {@code tokens}, {@code [window]})
 * whose targets are the next character at every step ({@code [window]}, class indices of the
 * vocabulary). A held-out share is the end of the text, cut before the windows are made, so no
 * validation window overlaps a training one.
 *
 * <p>Where the windows start is a {@link Layout}: every {@code stride} characters; or a number
 * of starts drawn uniformly with replacement from the source's seed (as a language-model
 * reference draws a fresh batch of random windows for every step; drawn once, at reading, so a
 * resumed run sees the same ones); or contiguous windows laid out as parallel streams, for
 * recurrent layers that carry their state from one batch to the next. A held-out part draws
 * from a stream of its own, so its windows stay fixed whatever the training part draws.
 */
final class TextSource implements DataSource {

    /** The name of the input. */
    static final String INPUT = "tokens";

    private final Options options;
    private final Path file;
    private final Path vocabularyFile;
    private final int window;
    private final Layout layout;
    private final Layout heldOutLayout;
    private final long seed;

    /**
     * @param options the source's options, for the place of problems
     * @param file the text
     * @param vocabularyFile the vocabulary, or {@code null} for the text's own characters
     * @param window characters per sample
     * @param layout where the windows of the text (or of its training part) start
     * @param heldOutLayout where the windows of a held-out part start
     * @param seed the seed of random starts
     */
    TextSource(Options options, Path file, Path vocabularyFile, int window, Layout layout, Layout heldOutLayout,
               long seed) {
        this.options = options;
        this.file = file;
        this.vocabularyFile = vocabularyFile;
        this.window = window;
        this.layout = layout;
        this.heldOutLayout = heldOutLayout;
        this.seed = seed;
    }

    /** Where the windows of a stretch of text start. */
    sealed interface Layout {
        /** A window every {@code stride} characters, in the text's order. */
        record Strided(int stride) implements Layout {
        }

        /** {@code count} windows at uniformly random starts, as {@code torch.randint(length - window - 1)}. */
        record Random(int count) implements Layout {
        }

        /**
         * The text cut into {@code streams} equal stretches of whole windows, interleaved: sample
         * {@code k * streams + r} is window {@code k} of stretch {@code r}, so that in batches of
         * {@code streams} in order, row {@code r} of a batch continues row {@code r} of the batch before.
         */
        record Streams(int streams) implements Layout {
        }
    }

    @Override
    public SampleSet read() throws IOException {
        Encoded text = encode();
        return windows(text, 0, text.ids.length, "", layout, seed);
    }

    @Override
    public Optional<SampleSet.Split> read(double heldOut) throws IOException {
        Encoded text = encode();
        int n = text.ids.length;
        int cut = (int) Math.round((1 - heldOut) * n);
        // the held-out stream is its own, so its windows do not depend on how many training ones are drawn
        return Optional.of(new SampleSet.Split(
                windows(text, 0, cut, "the first " + percent(1 - heldOut) + " of ", layout, seed),
                windows(text, cut, n, "the last " + percent(heldOut) + " of ", heldOutLayout,
                        new SplittableRandom(seed).split().nextLong())));
    }

    private record Encoded(int[] ids, Vocabulary vocabulary) {
    }

    private Encoded encode() throws IOException {
        String text = Utf8Text.read(file);
        Vocabulary vocabulary = vocabularyFile == null ? Vocabulary.of(text) : vocabulary(vocabularyFile);
        int[] ids = new int[text.codePointCount(0, text.length())];
        int i = 0;
        for (int at = 0; at < text.length(); at += Character.charCount(text.codePointAt(at))) {
            int id = vocabulary.id(text.codePointAt(at));
            if (id < 0) {
                // the vocabulary the config gives does not fit the text: a config error at that key
                int c = text.codePointAt(at);
                throw new OptionException(options.pathOf("vocabulary"), vocabularyFile + " lacks \"" + Character.toString(c)
                        + "\" (U+" + String.format(Locale.ROOT, "%04X", c) + "), character " + i + " of " + file);
            }
            ids[i++] = id;
        }
        return new Encoded(ids, vocabulary);
    }

    /** The windows of characters {@code [from, to)}; each needs one more character for its last target. */
    private SampleSet windows(Encoded text, int from, int to, String part, Layout layout, long seed) {
        int length = to - from;
        if (length < window + 1) {
            throw new OptionException(options.pathOf("window"), "windows of " + window + " characters need "
                    + (window + 1) + " characters (the last target is the next one), but " + part + file
                    + " has " + length);
        }
        int[] starts = starts(length, layout, seed, part);
        int count = starts.length;
        float[] inputs = new float[Math.multiplyExact(count, window)];
        float[] targets = new float[count * window];
        for (int s = 0; s < count; s++) {
            int start = from + starts[s];
            for (int t = 0; t < window; t++) {
                inputs[s * window + t] = text.ids[start + t];
                targets[s * window + t] = text.ids[start + t + 1];
            }
        }
        Shape shape = Shape.of(window);
        return SampleSet.of(file.toString(), Map.of(INPUT, new SampleSet.Column(inputs, shape)),
                new SampleSet.Column(targets, shape), text.vocabulary.size(),
                Map.of(Vocabulary.KEY, text.vocabulary.tokens()));
    }

    /** The starts of the windows in a stretch of {@code length} characters, relative to its first. */
    private int[] starts(int length, Layout layout, long seed, String part) {
        int last = length - window - 1; // the last start whose window has its final target
        if (layout instanceof Layout.Strided s) {
            return IntStream.rangeClosed(0, last / s.stride()).map(k -> k * s.stride()).toArray();
        }
        if (layout instanceof Layout.Random r) {
            SplittableRandom draws = new SplittableRandom(seed);
            int range = Math.max(1, last);
            return IntStream.range(0, r.count()).map(k -> draws.nextInt(range)).toArray();
        }
        int streams = ((Layout.Streams) layout).streams();
        int perStream = (length - 1) / window / streams;
        if (perStream == 0) {
            throw new OptionException(options.pathOf("streams"), streams + " streams of windows of " + window
                    + " characters need " + (streams * window + 1) + " characters, but " + part + file + " has "
                    + length);
        }
        int[] starts = new int[perStream * streams];
        for (int k = 0; k < perStream; k++) {
            for (int r = 0; r < streams; r++) {
                starts[k * streams + r] = (r * perStream + k) * window;
            }
        }
        return starts;
    }

    /** A JSON list of one-character strings, or an object holding one under {@code vocabulary} (a model file). */
    private static Vocabulary vocabulary(Path file) throws IOException {
        Object json = Json.read(file);
        if (json instanceof Map<?, ?> map) {
            json = map.get(Vocabulary.KEY);
        }
        if (!(json instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new FileFormatException(file.toString(), "top level", "expected a JSON list of characters, or an"
                    + " object with one under \"" + Vocabulary.KEY + "\" (such as a model.json)");
        }
        try {
            return Vocabulary.ofTokens(list.stream().map(String.class::cast).toList());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file.toString(), Vocabulary.KEY, e.getMessage(), e);
        }
    }

    private static String percent(double share) {
        return Math.round(share * 1000) / 10.0 + " %";
    }
}
