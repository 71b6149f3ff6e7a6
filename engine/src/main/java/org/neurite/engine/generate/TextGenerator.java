package org.neurite.engine.generate;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.neurite.engine.data.source.Vocabulary;
import org.neurite.engine.nn.Model;

/**
 * Generates text from a character-level model (such as {@code examples/recurrent/shakespeare-lstm.yaml}
 * or {@code examples/transformer/shakespeare-gpt.yaml} trains) through a {@link TokenStepper}: the
 * prompt is fed once, then each drawn character is handed out as soon as it is drawn and fed back,
 * each at a constant cost (recurrent state, or a decoder's key/value cache). A decoder reads only
 * the last {@link #context()} characters of a longer prompt.
 *
 * <pre>{@code
 * new TextGenerator(model, vocabulary).generate("ROMEO:", 500, new Sampling(0.8, 0, 0), System.out::print);
 * }</pre>
 */
public final class TextGenerator {

    /** The length of the prompt pass of a {@link #warmUp}: as long as a typical prompt ("ROMEO:"). */
    private static final int WARM_UP_PROMPT = 6;
    /**
     * The length of each throwaway text of a {@link #warmUp}: four times a decoder's context of
     * 64, so that a text goes through the context filling up and several restarts after it.
     */
    static final int WARM_UP_TEXT = 256;

    private final TokenStepper stepper;
    private final Vocabulary vocabulary;

    /**
     * @param model a sequential character model (see {@link TokenStepper#of})
     * @param vocabulary the character of each token id, as the model was trained with
     * @throws IllegalArgumentException if the model cannot run one position at a time, or scores another
     *     number of tokens than the vocabulary holds
     */
    public TextGenerator(Model model, List<String> vocabulary) {
        this.stepper = TokenStepper.of(model);
        this.vocabulary = Vocabulary.ofTokens(vocabulary);
        int scores = model.outputShape().dim(-1);
        if (scores != vocabulary.size()) {
            throw new IllegalArgumentException("the model scores " + scores + " tokens, but its vocabulary holds "
                    + vocabulary.size() + " characters");
        }
    }

    /** @return the most characters the model attends over (a decoder's context), or 0 when it has no such limit */
    public int context() {
        return stepper.context();
    }

    /**
     * Continues a prompt.
     *
     * @param prompt the start of the text, at least one character, every one in the vocabulary
     * @param length how many characters to generate
     * @param sampling how each character is drawn
     * @param out receives each generated character as it is drawn (not the prompt)
     * @throws IllegalArgumentException if the prompt is empty or holds a character outside the vocabulary, naming it
     */
    public void generate(String prompt, int length, Sampling sampling, Consumer<String> out) {
        int[] ids = encode(prompt);
        if (length < 0) {
            throw new IllegalArgumentException("length must be 0 or more, got " + length);
        }
        SplittableRandom random = new SplittableRandom(sampling.seed());
        Sampling.Sampler sampler = sampling.sampler(vocabulary.size());
        stepper.reset();
        int context = stepper.context();
        float[] logits = stepper.feed(context > 0 && ids.length > context
                ? Arrays.copyOfRange(ids, ids.length - context, ids.length) : ids);
        for (int i = 0; i < length; i++) {
            int next = sampler.draw(logits, random);
            out.accept(vocabulary.token(next));
            logits = stepper.feed(next);
        }
    }

    /**
     * Runs the generation path on throwaway text, so that the JIT has compiled it before a
     * generation whose speed matters (the first characters of a fresh JVM otherwise run at the
     * interpreter's pace): texts of {@link #WARM_UP_TEXT} characters, each a prompt-sized pass,
     * then single characters drawn and fed back, through every decoder restart a text meets. Each
     * text starts afresh, as a generation does, so that the paths of a text's start (a decoder's
     * first half context, before any follower) are as well known to the compiled code as the
     * rest: warmed on one long text, the compiled step met them again only in the generation
     * after it, and threw its code away there, running the first thousand or so characters in
     * slower code until recompiled. It changes nothing a later {@link #generate} sees: that
     * starts from its own prompt, with its own draws.
     *
     * @param characters how many characters to feed, at most
     * @param limit the longest it may take; it stops after the character that passes it
     * @return how many characters it fed
     */
    public int warmUp(int characters, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        SplittableRandom random = new SplittableRandom(0);
        Sampling.Sampler sampler = new Sampling(1.0, 0, 0).sampler(vocabulary.size());
        int fed = 0;
        try {
            while (fed < characters && System.nanoTime() < end) {
                stepper.reset();
                int prompt = Math.min(characters - fed, WARM_UP_PROMPT);
                int[] ids = new int[prompt];
                for (int i = 0; i < prompt; i++) {
                    ids[i] = (fed + i) % vocabulary.size();
                }
                float[] logits = stepper.feed(ids);
                int textEnd = Math.min(characters, fed + WARM_UP_TEXT);
                fed += prompt;
                while (fed < textEnd && System.nanoTime() < end) {
                    logits = stepper.feed(sampler.draw(logits, random));
                    fed++;
                }
            }
        } finally {
            stepper.reset();
        }
        return fed;
    }

    private int[] encode(String prompt) {
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty; give at least one character (such as a line break)");
        }
        int[] cps = prompt.codePoints().toArray();
        int[] ids = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            ids[i] = vocabulary.id(cps[i]);
            if (ids[i] < 0) {
                throw new IllegalArgumentException("the prompt's character " + (i + 1) + " \"" + Character.toString(cps[i])
                        + "\" (U+" + String.format("%04X", cps[i]) + ") is not in the model's vocabulary of "
                        + vocabulary.size() + " characters");
            }
        }
        return ids;
    }
}
