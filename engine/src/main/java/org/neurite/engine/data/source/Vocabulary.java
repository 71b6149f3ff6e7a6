package org.neurite.engine.data.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tokens of a text model, each with its id: characters (Unicode code points), in code point
 * order when taken from a text, so the same set of characters always gets the same ids. It
 * travels with a trained model as the list of its tokens ({@code "vocabulary"} in
 * {@code model.json}), so that predictions map back to characters.
 */
public final class Vocabulary {

    /** The key of the token list in a model file. */
    public static final String KEY = "vocabulary";

    private final List<String> tokens;
    private final Map<Integer, Integer> idOf = new HashMap<>();

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        for (int id = 0; id < tokens.size(); id++) {
            String t = tokens.get(id);
            if (t.codePointCount(0, t.length()) != 1) {
                throw new IllegalArgumentException("vocabulary: token " + id + " \"" + t + "\" is not one character");
            }
            if (idOf.put(t.codePointAt(0), id) != null) {
                throw new IllegalArgumentException("vocabulary: the character \"" + t + "\" is listed twice (token "
                        + idOf.get(t.codePointAt(0)) + ")");
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("vocabulary: no tokens");
        }
    }

    /**
     * @param text a text
     * @return its distinct characters, in code point order
     */
    public static Vocabulary of(String text) {
        TreeSet<Integer> distinct = new TreeSet<>();
        text.codePoints().forEach(distinct::add);
        List<String> tokens = new ArrayList<>(distinct.size());
        distinct.forEach(c -> tokens.add(Character.toString(c)));
        return new Vocabulary(tokens);
    }

    /**
     * @param tokens the token of each id, one character each
     * @return the vocabulary
     * @throws IllegalArgumentException if a token is not one character or is listed twice
     */
    public static Vocabulary ofTokens(List<String> tokens) {
        return new Vocabulary(tokens);
    }

    /** @return the number of tokens */
    public int size() {
        return tokens.size();
    }

    /** @return the token of each id */
    public List<String> tokens() {
        return tokens;
    }

    /**
     * @param id a token id
     * @return its token
     */
    public String token(int id) {
        return tokens.get(id);
    }

    /**
     * @param codePoint a character
     * @return its id, or -1 if it is not in the vocabulary
     */
    public int id(int codePoint) {
        return idOf.getOrDefault(codePoint, -1);
    }

    /**
     * @param ids token ids
     * @return the text they spell
     */
    public String decode(int... ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(tokens.get(id));
        }
        return sb.toString();
    }
}
