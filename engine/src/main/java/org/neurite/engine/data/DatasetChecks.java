package org.neurite.engine.data;

import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

/** The checks a {@link Dataset} makes of the rows it is given, before it holds them. */
final class DatasetChecks {

    private DatasetChecks() {
    }

    /**
     * @param inputs every input's rows, by name
     * @param targets the targets' rows
     * @return the number of samples, which every input and the targets hold alike
     * @throws ShapeMismatchException naming the input or the targets that hold another number
     */
    static int samples(Map<String, Rows> inputs, Rows targets) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("dataset: needs at least one input");
        }
        int n = -1;
        String first = null;
        for (Map.Entry<String, Rows> input : inputs.entrySet()) {
            int count = input.getValue().count("input '" + input.getKey() + "'");
            if (n >= 0 && count != n) {
                throw new ShapeMismatchException("dataset: input '" + input.getKey() + "' holds " + count
                        + " samples, but input '" + first + "' holds " + n);
            }
            n = count;
            first = first == null ? input.getKey() : first;
        }
        int length = targets.length();
        if (targets.size() != (long) n * length) {
            throw new ShapeMismatchException("dataset: " + n + " samples need " + (long) n * length
                    + " target values of shape " + targets.shape() + ", found " + targets.size());
        }
        return n;
    }

    /**
     * Per-sample targets are class indices; per-step targets may also be the ignore index.
     *
     * @param targets the targets' rows
     * @param numClasses the number of classes
     * @throws IllegalArgumentException naming the first sample (and step) whose label is neither
     */
    static void classIndices(Rows targets, int numClasses) {
        float[] labels = targets.values();
        int perSample = targets.length();
        boolean steps = targets.shape().rank() > 0;
        for (int i = 0; i < labels.length; i++) {
            float label = labels[i];
            boolean ok = (label >= 0 && label < numClasses && label == Math.rint(label))
                    || (steps && label == Dataset.IGNORE_INDEX);
            if (!ok) {
                throw new IllegalArgumentException("dataset: label " + label + " of sample " + i / perSample
                        + (steps ? " at step " + i % perSample : "") + " is not a class index in [0, " + numClasses + ")"
                        + (steps ? " or " + Dataset.IGNORE_INDEX + " (ignored)" : ""));
            }
        }
    }

    /**
     * @param lengths each sample's number of real steps
     * @param steps the length the sequences are padded to
     * @param size the number of samples
     * @return the lengths as rows of one value per sample
     * @throws IllegalArgumentException if there is not one length per sample, or one is out of {@code [1, steps]}
     */
    static Rows lengths(int[] lengths, int steps, int size) {
        if (lengths.length != size) {
            throw new IllegalArgumentException("dataset: " + lengths.length + " sequence lengths for " + size + " samples");
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            if (lengths[i] < 1 || lengths[i] > steps) {
                throw new IllegalArgumentException("dataset: sample " + i + " has " + lengths[i]
                        + " real steps, expected 1 to " + steps);
            }
            values[i] = lengths[i];
        }
        return new Rows(values, Shape.scalar());
    }
}
