package org.neurite.engine.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.neurite.api.GradScope;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;

/**
 * Greedy decoding of an encoder-decoder model trained with teacher forcing (such as
 * {@code examples/transformer/reverse-seq2seq.yaml}): the decoder input starts as the start token;
 * at each step the model runs on the whole batch, the likeliest token at that step is appended
 * to the decoder input, and a sequence ends at the end token. The decoder's self attention is
 * causal, so the positions not decoded yet (held at the end token) do not change the ones before.
 *
 * <p>A data source that trains such a model saves what decoding needs under {@value #KEY} in the
 * model's info: {@code {"decoder_input": NAME, "start": ID, "end": ID, "pad": ID}} (the padding
 * token is optional: the examples shown leave it out of the source).
 *
 * <pre>{@code
 * GreedyDecoder decoder = new GreedyDecoder(model, GreedyDecoder.Settings.fromInfo(info.get(GreedyDecoder.KEY)));
 * GreedyDecoder.Result r = decoder.evaluate(testSet, 256);   // r.exactMatch()
 * }</pre>
 */
public final class GreedyDecoder {

    /** The key of the decoding settings in a model's info. */
    public static final String KEY = "decoding";

    /**
     * What decoding needs to know of the model and its data.
     *
     * @param decoderInput the name of the model input that takes the decoder's tokens {@code [T]}
     * @param start the token the decoder input begins with
     * @param end the token that ends an answer
     * @param pad the token that fills a source after its end, or {@link #NO_PAD}
     */
    public record Settings(String decoderInput, int start, int end, int pad) {

        /** The {@code pad} of settings without a padding token. */
        public static final int NO_PAD = -1;

        /**
         * @param decoderInput the name of the model input that takes the decoder's tokens {@code [T]}
         * @param start the token the decoder input begins with
         * @param end the token that ends an answer
         */
        public Settings(String decoderInput, int start, int end) {
            this(decoderInput, start, end, NO_PAD);
        }

        /**
         * @param json the {@value #KEY} entry of a model's info
         * @return the settings it holds
         * @throws IllegalArgumentException if it is missing or malformed, saying what is expected
         */
        public static Settings fromInfo(Object json) {
            if (json instanceof Map<?, ?> map && map.get("decoder_input") instanceof String input
                    && map.get("start") instanceof Number start && map.get("end") instanceof Number end) {
                // models saved before the padding token was recorded have none
                return new Settings(input, start.intValue(), end.intValue(),
                        map.get("pad") instanceof Number pad ? pad.intValue() : NO_PAD);
            }
            throw new IllegalArgumentException("the model holds no decoding settings ('" + KEY + "': {decoder_input:"
                    + " NAME, start: ID, end: ID}); it was not trained on a sequence-to-sequence source such as"
                    + " digit_strings");
        }
    }

    /**
     * How decoding went on a labelled set.
     *
     * @param samples the number of sequences
     * @param exactMatches how many decoded answers equal their target, end token included
     * @param examples a few sequences: source tokens (of the first input), the expected and the decoded answer
     */
    public record Result(int samples, int exactMatches, List<Example> examples) {

        /** @return the share of exact matches, in [0, 1] */
        public double exactMatch() {
            return samples == 0 ? 0 : (double) exactMatches / samples;
        }
    }

    /**
     * One decoded sequence.
     *
     * @param source the tokens of the model's first input, without its padding tokens
     * @param expected the target answer, without the end token
     * @param decoded the decoded answer, without the end token
     */
    public record Example(int[] source, int[] expected, int[] decoded) {
    }

    private final Model model;
    private final Settings settings;
    private final int length;

    /**
     * @param model a model with the decoder input among its inputs, giving per-step scores {@code [T, vocabulary]}
     * @param settings the decoder input and the start and end tokens
     * @throws IllegalArgumentException if the model has no such input, or it is not a sequence of tokens
     */
    public GreedyDecoder(Model model, Settings settings) {
        Shape input = model.inputShapes().get(settings.decoderInput());
        if (input == null || input.rank() != 1) {
            throw new IllegalArgumentException("greedy decoding needs a model input '" + settings.decoderInput()
                    + "' of token ids [time], the model takes " + model.inputShapes());
        }
        if (model.outputShape().rank() != 2 || model.outputShape().dim(0) != input.dim(0)) {
            throw new IllegalArgumentException("greedy decoding needs scores per decoder step [" + input.dim(0)
                    + ", vocabulary], the model gives " + model.outputShape());
        }
        this.model = model;
        this.settings = settings;
        this.length = input.dim(0);
    }

    /**
     * Decodes a batch.
     *
     * @param inputs every model input {@code [batch, ...]}; the decoder input, if given, is ignored
     * @return each sequence's answer, without the end token (at most the decoder's length)
     */
    public int[][] decode(Map<String, Tensor> inputs) {
        CpuBackend backend = CpuBackend.instance();
        int batch = inputs.values().iterator().next().shape().dim(0);
        float[] ids = new float[batch * length];
        Arrays.fill(ids, settings.end());
        List<List<Integer>> answers = new ArrayList<>();
        boolean[] done = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            ids[b * length] = settings.start();
            answers.add(new ArrayList<>());
        }
        int open = batch;
        try (GradScope scope = backend.noGrad()) {
            for (int t = 0; t < length && open > 0; t++) {
                Map<String, Tensor> fed = new LinkedHashMap<>(inputs);
                fed.put(settings.decoderInput(), backend.tensor(ids.clone(), Shape.of(batch, length)));
                Tensor scores = model.forward(fed, Mode.INFERENCE);
                Tensor step = scores.slice(1, t, t + 1).argmax(2);
                float[] next = step.toArray();
                for (int b = 0; b < batch; b++) {
                    if (done[b]) {
                        continue;
                    }
                    int token = (int) next[b];
                    if (token == settings.end()) {
                        done[b] = true;
                        open--;
                        continue;
                    }
                    answers.get(b).add(token);
                    if (t + 1 < length) {
                        ids[b * length + t + 1] = token;
                    }
                }
            }
        }
        int[][] out = new int[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = answers.get(b).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /**
     * Decodes a labelled set and counts exact matches.
     *
     * @param data samples whose targets are the answers per step, ended by the end token (then -100)
     * @param batchSize sequences decoded side by side
     * @return the counts and the first few sequences
     */
    public Result evaluate(Dataset data, int batchSize) {
        int matches = 0;
        List<Example> examples = new ArrayList<>();
        String first = model.inputShapes().keySet().iterator().next();
        for (Batch batch : DataLoader.of(data, CpuBackend.instance()).batchSize(batchSize).build()) {
            int[][] decoded = decode(batch.inputs());
            float[] targets = batch.targets().toArray();
            Tensor sourceTensor = batch.inputs().get(first);
            float[] source = sourceTensor.toArray();
            int sourceLength = source.length / decoded.length;
            for (int b = 0; b < decoded.length; b++) {
                int[] expected = answer(targets, b * length);
                if (Arrays.equals(expected, decoded[b])) {
                    matches++;
                }
                if (examples.size() < 5) {
                    int from = b * sourceLength;
                    int[] src = IntStream.range(from, from + sourceLength).map(k -> (int) source[k])
                            .filter(id -> id != settings.pad()).toArray();
                    examples.add(new Example(src, expected, decoded[b]));
                }
            }
        }
        return new Result(data.size(), matches, examples);
    }

    /** The target answer starting at {@code from}: tokens up to the end token or an ignored step. */
    private int[] answer(float[] targets, int from) {
        int n = 0;
        while (n < length && targets[from + n] >= 0 && (int) targets[from + n] != settings.end()) {
            n++;
        }
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = (int) targets[from + k];
        }
        return out;
    }
}
