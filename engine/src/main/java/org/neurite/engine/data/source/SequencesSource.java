package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.DataSource;
import org.neurite.api.Loss;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

/**
 * Variable-length sequences padded to one length {@code T} with a mask: input {@code tokens}
 * {@code [T]} (or {@code features} {@code [T, F]}), zeros after the end, and input {@code mask}
 * {@code [T]}, 1 at real steps and 0 at padding. Targets are one label per sequence ({@code []},
 * a class or a value as the model says), or one class per step ({@code [T]}, -100 at padding).
 */
final class SequencesSource implements DataSource {

    private final SequenceFile file;
    private final Path path;
    private final int features;
    private final boolean perStep;
    private final int length;
    private final int vocabulary;
    private final int classes;

    /**
     * @param path the file
     * @param features values per step, or 0 for token ids
     * @param perStep whether the labels are per step
     * @param length the padded length, or 0 for the longest sequence
     * @param vocabulary the number of token ids, or 0 to leave them unchecked beyond being whole numbers from 0
     * @param classes the number of classes of per-step labels, or 0 for one more than the largest label
     */
    SequencesSource(Path path, int features, boolean perStep, int length, int vocabulary, int classes) {
        this.file = new SequenceFile(path, features, perStep);
        this.path = path;
        this.features = features;
        this.perStep = perStep;
        this.length = length;
        this.vocabulary = vocabulary;
        this.classes = classes;
    }

    @Override
    public SampleSet read() throws IOException {
        List<Sequence> rows = file.read();
        if (rows.isEmpty()) {
            throw new FileFormatException(path.toString(), "line 1", "the file holds no sequences");
        }
        int t = length > 0 ? length : rows.stream().mapToInt(Sequence::length).max().orElseThrow();
        int width = Math.max(1, features);
        int n = rows.size();
        float[] inputs = new float[n * t * width];
        float[] mask = new float[n * t];
        float[] targets = new float[perStep ? n * t : n];
        int maxLabel = -1;
        for (int i = 0; i < n; i++) {
            Sequence row = rows.get(i);
            if (row.length() > t) {
                throw new FileFormatException(path.toString(), "line " + row.line(), "the sequence has " + row.length()
                        + " steps, more than the length " + t + " (option length)");
            }
            checkTokens(row);
            System.arraycopy(row.steps(), 0, inputs, i * t * width, row.steps().length);
            java.util.Arrays.fill(mask, i * t, i * t + row.length(), 1f);
            if (perStep) {
                java.util.Arrays.fill(targets, i * t, (i + 1) * t, Loss.IGNORE_INDEX);
                for (int s = 0; s < row.length(); s++) {
                    maxLabel = Math.max(maxLabel, classLabel(row, s));
                    targets[i * t + s] = row.labels()[s];
                }
            } else {
                targets[i] = row.labels()[0];
            }
        }
        Map<String, SampleSet.Column> columns = new LinkedHashMap<>();
        columns.put(features == 0 ? "tokens" : "features",
                new SampleSet.Column(inputs, features == 0 ? Shape.of(t) : Shape.of(t, features)));
        columns.put("mask", new SampleSet.Column(mask, Shape.of(t)));
        Shape targetShape = perStep ? Shape.of(t) : Shape.scalar();
        int classCount = !perStep ? 0 : classes > 0 ? classes : maxLabel + 1;
        return SampleSet.of(path.toString(), columns, new SampleSet.Column(targets, targetShape), classCount, Map.of());
    }

    /** Token ids are whole numbers in {@code [0, vocabulary)}. */
    private void checkTokens(Sequence row) {
        if (features > 0) {
            return;
        }
        for (int s = 0; s < row.length(); s++) {
            float id = row.steps()[s];
            boolean whole = id >= 0 && id == Math.rint(id);
            if (!whole || (vocabulary > 0 && id >= vocabulary)) {
                throw new FileFormatException(path.toString(), "line " + row.line() + ", step " + (s + 1), "token id "
                        + format(id) + (whole ? " is outside the vocabulary of " + vocabulary + " (ids 0 to "
                        + (vocabulary - 1) + ")" : " is not a whole number from 0"));
            }
        }
    }

    private int classLabel(Sequence row, int step) {
        float label = row.labels()[step];
        boolean whole = label >= 0 && label == Math.rint(label);
        if (!whole || (classes > 0 && label >= classes)) {
            throw new FileFormatException(path.toString(), "line " + row.line() + ", step " + (step + 1), "label "
                    + format(label) + (whole ? " is outside the " + classes + " classes" : " is not a class (a whole"
                    + " number from 0)"));
        }
        return (int) label;
    }

    private static String format(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
    }
}
