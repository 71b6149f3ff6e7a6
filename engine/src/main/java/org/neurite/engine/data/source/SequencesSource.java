package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.DataSource;
import org.neurite.api.Loss;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

/**
 * Variable-length sequences padded with a mask: input {@code tokens} {@code [T]} (or
 * {@code features} {@code [T, F]}), zeros after the end, and input {@code mask} {@code [T]}, 1 at
 * real steps and 0 at padding. Without a fixed {@code length}, {@code T} is the longest sequence
 * and the samples are {@linkplain SampleSet#paddedPerBatch padded per batch}: each batch is cut to
 * its own longest sequence. Targets are one label per sequence ({@code []}, a class or a value as
 * the model says), one class per step ({@code [T]}, -100 at padding), or values per step
 * ({@code [T, V]}, {@link Loss#IGNORED_VALUE} at padding).
 */
final class SequencesSource implements DataSource {

    /** What the labels of a sequence are. */
    enum Labels {
        /** One label per sequence. */
        SEQUENCE,
        /** One class per step. */
        STEP,
        /** One or more values per step, for a regression loss. */
        STEP_VALUES
    }

    private final SequenceFile file;
    private final Path path;
    private final int features;
    private final Labels labels;
    private final int length;
    private final int vocabulary;
    private final int classes;

    /**
     * @param path the file
     * @param features values per step, or 0 for token ids
     * @param labels what the labels are
     * @param length the padded length, or 0 to pad per batch (to the longest sequence of each)
     * @param vocabulary the number of token ids, or 0 to leave them unchecked beyond being whole numbers from 0
     * @param classes the number of classes of per-step labels, or 0 for one more than the largest label
     */
    SequencesSource(Path path, int features, Labels labels, int length, int vocabulary, int classes) {
        this.file = new SequenceFile(path, features, labels != Labels.SEQUENCE);
        this.path = path;
        this.features = features;
        this.labels = labels;
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
        int values = labels == Labels.STEP_VALUES ? rows.get(0).labels().length / rows.get(0).length() : 1;
        int n = rows.size();
        float[] inputs = new float[n * t * width];
        float[] mask = new float[n * t];
        float[] targets = new float[labels == Labels.SEQUENCE ? n : n * t * values];
        if (labels != Labels.SEQUENCE) {
            Arrays.fill(targets, labels == Labels.STEP ? Loss.IGNORE_INDEX : Loss.IGNORED_VALUE);
        }
        int maxLabel = -1;
        for (int i = 0; i < n; i++) {
            Sequence row = rows.get(i);
            if (row.length() > t) {
                throw new FileFormatException(path.toString(), "line " + row.line(), "the sequence has " + row.length()
                        + " steps, more than the length " + t + " (option length)");
            }
            checkTokens(row);
            System.arraycopy(row.steps(), 0, inputs, i * t * width, row.steps().length);
            Arrays.fill(mask, i * t, i * t + row.length(), 1f);
            switch (labels) {
                case SEQUENCE -> targets[i] = row.labels()[0];
                case STEP -> {
                    for (int s = 0; s < row.length(); s++) {
                        maxLabel = Math.max(maxLabel, classLabel(row, s));
                        targets[i * t + s] = row.labels()[s];
                    }
                }
                case STEP_VALUES -> {
                    if (row.labels().length != row.length() * values) {
                        throw new FileFormatException(path.toString(), "line " + row.line(), "the labels have "
                                + row.labels().length / row.length() + " values per step, the first sequence's "
                                + values);
                    }
                    System.arraycopy(row.labels(), 0, targets, i * t * values, row.labels().length);
                }
            }
        }
        Map<String, SampleSet.Column> columns = new LinkedHashMap<>();
        columns.put(features == 0 ? "tokens" : "features",
                new SampleSet.Column(inputs, features == 0 ? Shape.of(t) : Shape.of(t, features)));
        columns.put("mask", new SampleSet.Column(mask, Shape.of(t)));
        Shape targetShape = switch (labels) {
            case SEQUENCE -> Shape.scalar();
            case STEP -> Shape.of(t);
            case STEP_VALUES -> Shape.of(t, values);
        };
        int classCount = labels != Labels.STEP ? 0 : classes > 0 ? classes : maxLabel + 1;
        SampleSet samples = SampleSet.of(path.toString(), columns, new SampleSet.Column(targets, targetShape), classCount,
                Map.of());
        return length > 0 ? samples : samples.paddedPerBatch("mask");
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
