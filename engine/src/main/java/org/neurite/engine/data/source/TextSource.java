package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

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
 * vocabulary). Windows start every {@code stride} characters, or, with a count of random windows,
 * at starts drawn uniformly with replacement from the source's seed, as a language-model
 * reference draws a fresh batch of random windows for every step (drawn once, at reading, so a
 * resumed run sees the same ones). A held-out share is the end of the text, cut before the
 * windows are made, so no validation window overlaps a training one; it has its own count of
 * random windows and its own stream, so its windows stay fixed whatever the training part draws.
 */
final class TextSource implements DataSource {

    /** The name of the input. */
    static final String INPUT = "tokens";

    private final Options options;
    private final Path file;
    private final Path vocabularyFile;
    private final int window;
    private final int stride;
    private final RandomWindows random;

    /**
     * How many windows to draw at random starts, for the training part and for a held-out one
     * (0: every {@code stride} characters), and the seed of the draws.
     */
    record RandomWindows(int train, int heldOut, long seed) {

        static final RandomWindows NONE = new RandomWindows(0, 0, 0);
    }

    TextSource(Options options, Path file, Path vocabularyFile, int window, int stride, RandomWindows random) {
        this.options = options;
        this.file = file;
        this.vocabularyFile = vocabularyFile;
        this.window = window;
        this.stride = stride;
        this.random = random;
    }

    @Override
    public SampleSet read() throws IOException {
        Encoded text = encode();
        return windows(text, 0, text.ids.length, "", random.train(), random.seed());
    }

    @Override
    public Optional<SampleSet.Split> read(double heldOut) throws IOException {
        Encoded text = encode();
        int n = text.ids.length;
        int cut = (int) Math.round((1 - heldOut) * n);
        // the held-out stream is its own, so its windows do not depend on how many training ones are drawn
        return Optional.of(new SampleSet.Split(
                windows(text, 0, cut, "the first " + percent(1 - heldOut) + " of ", random.train(), random.seed()),
                windows(text, cut, n, "the last " + percent(heldOut) + " of ", random.heldOut(),
                        new SplittableRandom(random.seed()).split().nextLong())));
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
                throw new FileFormatException(file.toString(), "character " + i, "\"" + Character.toString(
                        text.codePointAt(at)) + "\" is not in the vocabulary of " + vocabularyFile);
            }
            ids[i++] = id;
        }
        return new Encoded(ids, vocabulary);
    }

    /**
     * The windows of characters {@code [from, to)}; each needs one more character for its last target.
     * With {@code randomCount > 0}, that many windows at starts drawn uniformly from
     * {@code [from, to - window - 1)} (the range of {@code torch.randint(len - window - 1)}).
     */
    private SampleSet windows(Encoded text, int from, int to, String part, int randomCount, long seed) {
        int length = to - from;
        if (length < window + 1) {
            throw new OptionException(options.pathOf("window"), "windows of " + window + " characters need "
                    + (window + 1) + " characters (the last target is the next one), but " + part + file
                    + " has " + length);
        }
        int count = randomCount > 0 ? randomCount : (length - window - 1) / stride + 1;
        int startRange = Math.max(1, length - window - 1);
        SplittableRandom draws = new SplittableRandom(seed);
        float[] inputs = new float[Math.multiplyExact(count, window)];
        float[] targets = new float[count * window];
        for (int s = 0; s < count; s++) {
            int start = from + (randomCount > 0 ? draws.nextInt(startRange) : s * stride);
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
