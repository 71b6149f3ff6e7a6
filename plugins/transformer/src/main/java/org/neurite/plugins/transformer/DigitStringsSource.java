package org.neurite.plugins.transformer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.DataContext;
import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.Loss;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;

import org.pf4j.Extension;

/**
 * A generated sequence-to-sequence task: strings of 1 to {@code max_length} digits, to be
 * reversed (or sorted). Token ids: the digits 0-9, then {@link #START} (10), {@link #END} (11)
 * and {@link #PAD} (12). Each sample has the inputs
 * <ul>
 *   <li>{@code source} {@code [max_length]}: the digits, then padding;</li>
 *   <li>{@code source_mask} {@code [max_length]}: 1 for a digit, 0 for padding;</li>
 *   <li>{@code decoder_input} {@code [max_length + 1]}: the start token, then the answer's digits
 *       (teacher forcing), then padding;</li>
 * </ul>
 * and the targets {@code [max_length + 1]}: the answer's digits, the end token, then -100 (ignored).
 *
 * <p>Every string belongs to one part, train or test, by a hash of its digits (one in ten is a
 * test string), so a test set holds strings no training set can draw. The draws come from the
 * source's seed: the run's, or its own {@code seed}.
 */
final class DigitStringsSource implements DataSource {

    static final String FORMAT = "digit_strings";
    static final int START = 10;
    static final int END = 11;
    static final int PAD = 12;
    static final int VOCABULARY = 13;
    /** The key under which a model saves what greedy decoding needs. */
    static final String DECODING_KEY = "decoding";

    private final String name;
    private final int samples;
    private final int minLength;
    private final int maxLength;
    private final boolean sort;
    private final boolean test;
    private final long seed;

    DigitStringsSource(String name, int samples, int minLength, int maxLength, boolean sort, boolean test, long seed) {
        this.name = name;
        this.samples = samples;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.sort = sort;
        this.test = test;
        this.seed = seed;
    }

    @Override
    public SampleSet read() {
        int s = maxLength;
        int t = maxLength + 1;
        float[] source = new float[samples * s];
        float[] mask = new float[samples * s];
        float[] decoderInput = new float[samples * t];
        float[] targets = new float[samples * t];
        Arrays.fill(source, PAD);
        Arrays.fill(decoderInput, PAD);
        Arrays.fill(targets, Loss.IGNORE_INDEX);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < samples; i++) {
            int[] digits = draw(random);
            int[] answer = answer(digits);
            decoderInput[i * t] = START;
            for (int k = 0; k < digits.length; k++) {
                source[i * s + k] = digits[k];
                mask[i * s + k] = 1;
                decoderInput[i * t + k + 1] = answer[k];
                targets[i * t + k] = answer[k];
            }
            targets[i * t + digits.length] = END;
        }
        Map<String, SampleSet.Column> inputs = new LinkedHashMap<>();
        inputs.put("source", new SampleSet.Column(source, Shape.of(s)));
        inputs.put("source_mask", new SampleSet.Column(mask, Shape.of(s)));
        inputs.put("decoder_input", new SampleSet.Column(decoderInput, Shape.of(t)));
        return SampleSet.of(name, inputs, new SampleSet.Column(targets, Shape.of(t)), VOCABULARY,
                Map.of(DECODING_KEY, decoding()));
    }

    /**
     * What greedy decoding of a model trained on these samples needs: its decoder input, start and end
     * tokens, and the padding token (left out of the sources it shows).
     */
    static Map<String, Object> decoding() {
        Map<String, Object> decoding = new LinkedHashMap<>();
        decoding.put("decoder_input", "decoder_input");
        decoding.put("start", START);
        decoding.put("end", END);
        decoding.put("pad", PAD);
        return decoding;
    }

    /** A string of the wanted part, its length uniform in [min, max]. */
    private int[] draw(SplittableRandom random) {
        while (true) {
            int[] digits = new int[random.nextInt(minLength, maxLength + 1)];
            for (int k = 0; k < digits.length; k++) {
                digits[k] = random.nextInt(10);
            }
            if (isTestString(digits) == test) {
                return digits;
            }
        }
    }

    /** One string in ten, by a mixed hash of its digits and length, is held out for testing. */
    static boolean isTestString(int[] digits) {
        long h = digits.length;
        for (int d : digits) {
            h = h * 31 + d + 1;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return Math.floorMod(h, 10) == 0;
    }

    private int[] answer(int[] digits) {
        if (sort) {
            int[] sorted = digits.clone();
            Arrays.sort(sorted);
            return sorted;
        }
        int[] out = new int[digits.length];
        for (int k = 0; k < digits.length; k++) {
            out[k] = digits[digits.length - 1 - k];
        }
        return out;
    }

    /** Provides the data format {@code digit_strings}. */
    @Extension
    public static final class Provider implements DataSourceProvider {

        private static final List<OptionSpec> OPTIONS = List.of(
                OptionSpec.required("samples", OptionType.INTEGER, "How many strings to draw.").atLeast(1),
                OptionSpec.optional("min_length", OptionType.INTEGER, 1, "The fewest digits of a string.").atLeast(1),
                OptionSpec.optional("max_length", OptionType.INTEGER, 10,
                        "The most digits of a string: the source length S; the decoder's length is S + 1.").atLeast(1),
                OptionSpec.optional("task", OptionType.STRING, "reverse", "What the answer is: the digits reversed"
                        + " or sorted.").oneOf("reverse", "sort"),
                OptionSpec.optional("part", OptionType.STRING, "train", "Which strings to draw: train, or the one in"
                        + " ten held out for testing (chosen by a hash of the string).").oneOf("train", "test"),
                OptionSpec.optional("seed", OptionType.INTEGER, null, "The seed of the draws; default the run's."));

        @Override
        public String name() {
            return FORMAT;
        }

        @Override
        public String description() {
            return "Generated strings of digits to reverse (or sort), for encoder-decoder models: inputs source,"
                    + " source_mask and decoder_input (teacher forcing), targets the answer and an end token per step.";
        }

        @Override
        public List<OptionSpec> options() {
            return OPTIONS;
        }

        @Override
        public DataSource create(Options options, DataContext context) {
            options.rejectUnknown(options());
            int samples = positive(options, "samples", options.getInt("samples"));
            int min = positive(options, "min_length", options.getInt("min_length", 1));
            int max = positive(options, "max_length", options.getInt("max_length", 10));
            if (min > max) {
                throw new OptionException(options.pathOf("min_length"), "must not exceed max_length (" + max
                        + "), got " + min);
            }
            String task = choice(options, "task", "reverse", "sort");
            String part = choice(options, "part", "train", "test");
            long seed = options.has("seed") ? options.getInt("seed") : context.seed();
            return new DigitStringsSource(FORMAT + " (" + task + ", " + part + ")", samples, min, max,
                    task.equals("sort"), part.equals("test"), seed);
        }

        private static int positive(Options options, String key, int value) {
            if (value < 1) {
                throw new OptionException(options.pathOf(key), "must be at least 1, got " + value);
            }
            return value;
        }

        private static String choice(Options options, String key, String first, String second) {
            String value = options.getString(key, first);
            if (!value.equals(first) && !value.equals(second)) {
                throw new OptionException(options.pathOf(key), "expected " + first + " or " + second + ", got \""
                        + value + "\"");
            }
            return value;
        }
    }
}
