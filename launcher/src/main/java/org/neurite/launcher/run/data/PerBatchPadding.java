package org.neurite.launcher.run.data;

import java.util.Arrays;

import org.neurite.api.Loss;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;

/**
 * Fits sequences {@linkplain SampleSet#paddedPerBatch padded per batch} to a model. The samples
 * come padded to their longest sequence {@code T}; a model input declared longer ({@code [T']},
 * {@code T' >= T}, the other axes equal) takes them padded further to {@code T'} (so a test file
 * with shorter sequences than the training file still fits), and the dataset's batches are cut
 * to their longest sequence. A model input of another shape (such as the steps flattened) needs
 * one fixed length: the samples are then left as they are, and padding per batch is off.
 */
final class PerBatchPadding {

    private final int steps;
    private final int[] lengths;
    private int modelSteps;
    private boolean fixed;

    private PerBatchPadding(int steps, int[] lengths) {
        this.steps = steps;
        this.lengths = lengths;
    }

    /** @return the padding of the samples, or {@code null} if they are not padded per batch */
    static PerBatchPadding of(SampleSet samples) {
        if (samples.paddingMask().isEmpty()) {
            return null;
        }
        SampleSet.Column mask = samples.inputs().get(samples.paddingMask().get());
        int t = mask.shape().dim(0);
        int[] lengths = new int[mask.rows()];
        for (int i = 0; i < lengths.length; i++) {
            int s = t;
            while (s > 1 && mask.values()[i * t + s - 1] == 0) {
                s--;
            }
            lengths[i] = s;
        }
        return new PerBatchPadding(t, lengths);
    }

    /**
     * @param column an input as read
     * @param model the shape of the model input that takes it
     * @return the column, padded to the model's length if it runs along the time axis and the model's is longer
     */
    SampleSet.Column input(SampleSet.Column column, Shape model) {
        if (!alongTime(column.shape())) {
            return column;
        }
        boolean fits = model.rank() == column.shape().rank() && model.dim(0) >= steps
                && model.sub(1, model.rank()).equals(column.shape().sub(1, model.rank()))
                && (modelSteps == 0 || modelSteps == model.dim(0));
        if (!fits) {
            fixed = true;
            return column;
        }
        modelSteps = model.dim(0);
        return padded(column, 0f);
    }

    /**
     * @param targets the targets as read
     * @param classes whether they are classes
     * @return the targets, padded as the inputs were when they run along the time axis
     *     ({@link Loss#IGNORE_INDEX} for classes, {@link Loss#IGNORED_VALUE} for values)
     */
    SampleSet.Column targets(SampleSet.Column targets, boolean classes) {
        if (!alongTime(targets.shape()) || fixed || modelSteps == 0) {
            return targets;
        }
        return padded(targets, classes ? Loss.IGNORE_INDEX : Loss.IGNORED_VALUE);
    }

    /** @return the dataset with its batches cut to their longest sequence, unless a model input needs one length */
    Dataset apply(Dataset data) {
        return fixed || modelSteps == 0 ? data : data.paddedPerBatch(modelSteps, lengths);
    }

    private boolean alongTime(Shape shape) {
        return shape.rank() > 0 && shape.dim(0) == steps;
    }

    private SampleSet.Column padded(SampleSet.Column column, float fill) {
        if (modelSteps == steps) {
            return column;
        }
        int perStep = column.shape().intSize() / steps;
        int from = steps * perStep;
        int to = modelSteps * perStep;
        int n = column.rows();
        float[] values = new float[n * to];
        Arrays.fill(values, fill);
        for (int i = 0; i < n; i++) {
            System.arraycopy(column.values(), i * from, values, i * to, from);
        }
        int[] dims = column.shape().dims();
        dims[0] = modelSteps;
        return new SampleSet.Column(values, Shape.of(dims));
    }
}
