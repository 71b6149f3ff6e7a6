package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.neurite.api.GradScope;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.source.Utf8Text;
import org.neurite.engine.data.source.Vocabulary;
import org.neurite.engine.io.FileFormatException;
import org.neurite.launcher.config.ConfigException;

/**
 * What a character model (one trained on the {@code text} format, with its vocabulary) predicts
 * after a text: it reads the text's last window of characters and prints the most likely next
 * characters with their probabilities (softmax of the last step's scores).
 */
public final class NextCharacters {

    private static final int SHOWN = 5;

    private NextCharacters() {
    }

    /**
     * @param saved a model with a vocabulary, whose input is a window of character ids {@code [T]}
     *     and whose output scores every character at every step {@code [T, vocabulary]}
     * @param file a UTF-8 text of at least {@code T} characters
     * @param out where the prediction goes
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if it is not UTF-8 or holds a character outside the vocabulary
     * @throws ConfigException if the model does not read windows of characters, or the text is shorter than one
     */
    public static void print(SavedModel saved, Path file, PrintWriter out) throws IOException {
        Vocabulary vocabulary = saved.vocabulary();
        Map<String, Shape> inputs = saved.model().inputShapes();
        Shape output = saved.model().outputShape();
        Shape input = inputs.values().iterator().next();
        int window = input.dim(0);
        if (inputs.size() != 1 || input.rank() != 1 || !output.equals(Shape.of(window, vocabulary.size()))) {
            throw new ConfigException(saved.file().toString(), "predicts characters only from a window of them:"
                    + " input [T] and output [T, " + vocabulary.size() + "], not " + inputs + " and " + output);
        }
        int[] codePoints = Utf8Text.read(file).codePoints().toArray();
        if (codePoints.length < window) {
            throw new ConfigException(file.toString(), "the model reads windows of " + window + " characters; the"
                    + " text has " + codePoints.length);
        }
        float[] ids = new float[window];
        for (int t = 0; t < window; t++) {
            int at = codePoints.length - window + t;
            ids[t] = vocabulary.id(codePoints[at]);
            if (ids[t] < 0) {
                throw new FileFormatException(file.toString(), "character " + at, "\"" + Character.toString(codePoints[at])
                        + "\" is not in the model's vocabulary");
            }
        }
        float[] p = lastStepProbabilities(saved, inputs.keySet().iterator().next(), ids, vocabulary.size());
        String context = new String(codePoints, Math.max(0, codePoints.length - 20), Math.min(20, codePoints.length));
        out.println("next character after \"" + escaped(context) + "\":");
        boolean[] taken = new boolean[p.length];
        for (int k = 0; k < Math.min(SHOWN, p.length); k++) {
            int best = -1;
            for (int c = 0; c < p.length; c++) {
                if (!taken[c] && (best < 0 || p[c] > p[best])) {
                    best = c;
                }
            }
            taken[best] = true;
            out.println(String.format(Locale.ROOT, "  %-6s %.4f", "'" + escaped(vocabulary.token(best)) + "'", p[best]));
        }
        out.flush();
    }

    private static float[] lastStepProbabilities(SavedModel saved, String input, float[] ids, int classes) {
        CpuBackend backend = CpuBackend.instance();
        try (GradScope scope = backend.noGrad()) {
            Tensor scores = saved.model().forward(Map.of(input, backend.tensor(ids, Shape.of(1, ids.length))),
                    Mode.INFERENCE);
            float[] all = scores.toArray();
            float[] last = new float[classes];
            System.arraycopy(all, all.length - classes, last, 0, classes);
            return backend.softmax(backend.tensor(last, Shape.of(1, classes)), 1).toArray();
        }
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }
}
