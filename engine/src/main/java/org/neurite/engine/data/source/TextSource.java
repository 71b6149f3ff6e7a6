package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * vocabulary). Windows start every {@code stride} characters. A held-out share is the end of the
 * text, cut before the windows are made, so no validation window overlaps a training one.
 */
final class TextSource implements DataSource {

    /** The name of the input. */
    static final String INPUT = "tokens";

    private final Options options;
    private final Path file;
    private final Path vocabularyFile;
    private final int window;
    private final int stride;

    TextSource(Options options, Path file, Path vocabularyFile, int window, int stride) {
        this.options = options;
        this.file = file;
        this.vocabularyFile = vocabularyFile;
        this.window = window;
        this.stride = stride;
    }

    @Override
    public SampleSet read() throws IOException {
        Encoded text = encode();
        return windows(text, 0, text.ids.length, "");
    }

    @Override
    public Optional<SampleSet.Split> read(double heldOut) throws IOException {
        Encoded text = encode();
        int n = text.ids.length;
        int cut = (int) Math.round((1 - heldOut) * n);
        return Optional.of(new SampleSet.Split(windows(text, 0, cut, "the first " + percent(1 - heldOut) + " of "),
                windows(text, cut, n, "the last " + percent(heldOut) + " of ")));
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

    /** The windows of characters {@code [from, to)}; each needs one more character for its last target. */
    private SampleSet windows(Encoded text, int from, int to, String part) {
        int length = to - from;
        if (length < window + 1) {
            throw new OptionException(options.pathOf("window"), "windows of " + window + " characters need "
                    + (window + 1) + " characters (the last target is the next one), but " + part + file
                    + " has " + length);
        }
        int count = (length - window - 1) / stride + 1;
        float[] inputs = new float[count * window];
        float[] targets = new float[count * window];
        for (int s = 0; s < count; s++) {
            int start = from + s * stride;
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
