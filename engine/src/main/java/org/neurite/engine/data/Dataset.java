package org.neurite.engine.data;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * An in-memory set of samples: each has features of one shape and a target, either a class
 * index (stored as a float, shape {@code []}) or float values of one shape. Everything is held
 * in two row-major arrays, one row per sample, so that a {@link DataLoader} copies whole rows.
 *
 * <p>A dataset never changes. The factories take the arrays as they are, without copying
 * (a training set can be hundreds of megabytes): do not change them afterwards.
 */
public final class Dataset {

    /**
     * Two parts of a dataset.
     *
     * @param train the first part
     * @param validation the second part
     */
    public record Split(Dataset train, Dataset validation) {
    }

    private final float[] features;
    private final Shape featureShape;
    private final int featureLength;
    private final float[] targets;
    private final Shape targetShape;
    private final int targetLength;
    private final int size;
    /** The number of classes, or 0 when the targets are values. */
    private final int numClasses;

    private Dataset(float[] features, Shape featureShape, float[] targets, Shape targetShape, int numClasses) {
        if (featureShape.size() == 0) {
            throw new ShapeMismatchException("dataset: feature shape " + featureShape + " holds no values");
        }
        this.featureLength = featureShape.intSize();
        if (features.length % featureLength != 0) {
            throw new ShapeMismatchException("dataset: " + features.length + " feature values do not divide into"
                    + " samples of shape " + featureShape + " (" + featureLength + " values each)");
        }
        this.size = features.length / featureLength;
        this.targetLength = targetShape.intSize();
        if (targets.length != (long) size * targetLength) {
            throw new ShapeMismatchException("dataset: " + size + " samples of features " + featureShape + " need "
                    + (long) size * targetLength + " target values of shape " + targetShape + ", found " + targets.length);
        }
        this.features = features;
        this.featureShape = featureShape;
        this.targets = targets;
        this.targetShape = targetShape;
        this.numClasses = numClasses;
    }

    /**
     * Creates a classification dataset.
     *
     * @param features the features of all samples, row-major, one row of {@code featureShape} per sample
     * @param featureShape the shape of one sample's features
     * @param labels one class index per sample, in {@code [0, numClasses)}
     * @param numClasses the number of classes, at least 1
     * @return the dataset, holding the arrays without copying them
     * @throws ShapeMismatchException if the lengths do not fit the shapes
     * @throws IllegalArgumentException if a label is not a class index, naming the sample
     */
    public static Dataset ofClasses(float[] features, Shape featureShape, float[] labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("dataset: the number of classes must be at least 1, found " + numClasses);
        }
        Dataset d = new Dataset(features, featureShape, labels, Shape.scalar(), numClasses);
        for (int i = 0; i < labels.length; i++) {
            float label = labels[i];
            if (!(label >= 0 && label < numClasses && label == Math.rint(label))) {
                throw new IllegalArgumentException("dataset: label " + label + " of sample " + i
                        + " is not a class index in [0, " + numClasses + ")");
            }
        }
        return d;
    }

    /**
     * Creates a dataset whose targets are float values, as for regression.
     *
     * @param features the features of all samples, row-major
     * @param featureShape the shape of one sample's features
     * @param targets the targets of all samples, row-major, one row of {@code targetShape} per sample
     * @param targetShape the shape of one sample's target; {@code []} for one value
     * @return the dataset, holding the arrays without copying them
     * @throws ShapeMismatchException if the lengths do not fit the shapes
     */
    public static Dataset ofValues(float[] features, Shape featureShape, float[] targets, Shape targetShape) {
        return new Dataset(features, featureShape, targets, targetShape, 0);
    }

    /**
     * Creates a dataset of values from samples held in two tensors (copied out of them).
     *
     * @param what what the data is for, for the error message, such as {@code training data}
     * @param inputs the inputs, samples on the first axis
     * @param targets the targets, samples on the first axis
     * @return the samples as a dataset of values: class labels stay floats of shape {@code []}
     * @throws ShapeMismatchException if the tensors do not hold equally many samples
     */
    public static Dataset ofTensors(String what, Tensor inputs, Tensor targets) {
        if (inputs.rank() == 0 || targets.rank() == 0 || inputs.dim(0) != targets.dim(0)) {
            throw new ShapeMismatchException(what + ": inputs " + inputs.shape() + " and targets " + targets.shape()
                    + " must both have the samples on their first axis, equally many");
        }
        return ofValues(inputs.toArray(), inputs.shape().dropFirst(), targets.toArray(), targets.shape().dropFirst());
    }

    /** @return the number of samples */
    public int size() {
        return size;
    }

    /** @return the shape of one sample's features */
    public Shape featureShape() {
        return featureShape;
    }

    /** @return the shape of one sample's target: {@code []} for class indices */
    public Shape targetShape() {
        return targetShape;
    }

    /** @return the number of classes, or empty when the targets are values */
    public OptionalInt numClasses() {
        return numClasses > 0 ? OptionalInt.of(numClasses) : OptionalInt.empty();
    }

    /** @return whether the targets are class indices */
    public boolean isClassification() {
        return numClasses > 0;
    }

    /**
     * Returns a copy of one sample's features.
     *
     * @param sample the sample index
     * @return its features, row-major
     */
    public float[] features(int sample) {
        checkSample(sample);
        return Arrays.copyOfRange(features, sample * featureLength, (sample + 1) * featureLength);
    }

    /**
     * Returns a copy of one sample's target values (one value, the class index, for classification).
     *
     * @param sample the sample index
     * @return its target, row-major
     */
    public float[] target(int sample) {
        checkSample(sample);
        return Arrays.copyOfRange(targets, sample * targetLength, (sample + 1) * targetLength);
    }

    /**
     * Counts the samples of each class.
     *
     * @return the count of class {@code c} at index {@code c}
     * @throws IllegalStateException if the targets are values
     */
    public int[] classCounts() {
        if (!isClassification()) {
            throw new IllegalStateException("dataset: the targets are values, not classes");
        }
        int[] counts = new int[numClasses];
        for (float label : targets) {
            counts[(int) label]++;
        }
        return counts;
    }

    /**
     * Returns the samples at the given indices, in that order (indices may repeat).
     *
     * @param indices sample indices
     * @return a new dataset with copies of those samples
     */
    public Dataset subset(int[] indices) {
        for (int i : indices) {
            checkSample(i);
        }
        float[] f = new float[indices.length * featureLength];
        float[] t = new float[indices.length * targetLength];
        copyFeatures(indices, 0, indices.length, f);
        copyTargets(indices, 0, indices.length, t);
        return new Dataset(f, featureShape, t, targetShape, numClasses);
    }

    /**
     * Returns the samples {@code from <= i < to}.
     *
     * @param from the first sample kept
     * @param to one past the last sample kept
     * @return a new dataset with copies of those samples
     */
    public Dataset subset(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("dataset: range [" + from + ", " + to + ") is outside the "
                    + size + " samples");
        }
        return new Dataset(Arrays.copyOfRange(features, from * featureLength, to * featureLength), featureShape,
                Arrays.copyOfRange(targets, from * targetLength, to * targetLength), targetShape, numClasses);
    }

    /**
     * Splits in order: the first {@code round(fraction * size)} samples, and the rest.
     *
     * @param fraction the share of the first part, in {@code [0, 1]}
     * @return both parts
     */
    public Split split(double fraction) {
        int cut = cut(fraction);
        return new Split(subset(0, cut), subset(cut, size));
    }

    /**
     * Splits at random: a random {@code round(fraction * size)} samples, and the rest.
     *
     * @param fraction the share of the first part, in {@code [0, 1]}
     * @param random the source of the random choice
     * @return both parts, each in a random order
     */
    public Split split(double fraction, RandomGenerator random) {
        int cut = cut(fraction);
        int[] order = Permutation.shuffled(size, random);
        return new Split(subset(Arrays.copyOfRange(order, 0, cut)), subset(Arrays.copyOfRange(order, cut, size)));
    }

    private int cut(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("dataset: split fraction must be in [0, 1], found " + fraction);
        }
        return (int) Math.round(fraction * size);
    }

    /** Copies the feature rows of {@code indices[from .. from + count)} into {@code dest}, back to back. */
    void copyFeatures(int[] indices, int from, int count, float[] dest) {
        copyRows(features, featureLength, indices, from, count, dest);
    }

    /** Copies the target rows of {@code indices[from .. from + count)} into {@code dest}, back to back. */
    void copyTargets(int[] indices, int from, int count, float[] dest) {
        copyRows(targets, targetLength, indices, from, count, dest);
    }

    /** One arraycopy per run of consecutive indices: a whole batch when nothing is shuffled. */
    private static void copyRows(float[] src, int rowLength, int[] indices, int from, int count, float[] dest) {
        int k = 0;
        while (k < count) {
            int first = indices[from + k];
            int run = 1;
            while (k + run < count && indices[from + k + run] == first + run) {
                run++;
            }
            System.arraycopy(src, first * rowLength, dest, k * rowLength, run * rowLength);
            k += run;
        }
    }

    private void checkSample(int sample) {
        if (sample < 0 || sample >= size) {
            throw new IndexOutOfBoundsException("dataset: sample " + sample + " is outside [0, " + size + ")");
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " samples, features " + featureShape + ", "
                + (isClassification() ? numClasses + " classes" : "targets " + targetShape) + "]";
    }
}
