package org.neurite.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * An in-memory set of samples: each has one or more named inputs, each of its own per-sample
 * shape, and a target. Targets are class indices stored as floats, one per sample (shape
 * {@code []}) or one per step (shape {@code [time]}, with {@link #IGNORE_INDEX} at padded
 * steps), or float values of any shape. Every input and the targets are row-major arrays, one
 * row per sample, so that a {@link DataLoader} copies whole rows.
 *
 * <p>A model with one input takes a dataset made by {@link #ofClasses}, {@link #ofValues} or
 * {@link #ofTensors}, whose only input is named {@link #INPUT}. A model graph with several
 * inputs takes one made by the {@link #builder()}, with one input per graph input, by name:
 * <pre>{@code
 * Dataset data = Dataset.builder()
 *         .input("tokens", tokenIds, Shape.of(64))   // whole numbers held in floats
 *         .input("mask", mask, Shape.of(64))         // 1 at real steps, 0 at padding
 *         .classes(nextTokens, Shape.of(64), 65)     // one class per step, -100 at padding
 *         .build();
 * }</pre>
 *
 * <p>A dataset never changes. The factories take the arrays as they are, without copying
 * (a training set can be hundreds of megabytes): do not change them afterwards.
 */
public final class Dataset {

    /** The name of the only input of a dataset made by {@link #ofClasses}, {@link #ofValues} or {@link #ofTensors}. */
    public static final String INPUT = "input";

    /** The class target of a step that counts for nothing (a padded step), as PyTorch's {@code ignore_index}. */
    public static final int IGNORE_INDEX = org.neurite.api.Loss.IGNORE_INDEX;

    /**
     * Two parts of a dataset.
     *
     * @param train the first part
     * @param validation the second part
     */
    public record Split(Dataset train, Dataset validation) {
    }

    private final Map<String, Rows> inputs;
    private final Rows targets;
    private final int size;
    /** The number of classes, or 0 when the targets are values. */
    private final int numClasses;
    /** Each sample's number of real steps when batches are cut to their longest sequence, or {@code null}. */
    private final Rows lengths;
    /** The length every sequence is padded to in the rows, when {@link #lengths} is given. */
    private final int steps;

    /** Checks that every input and the targets hold equally many samples, and class targets are class indices. */
    Dataset(Map<String, Rows> inputs, Rows targets, int numClasses) {
        this(inputs, targets, numClasses, null, 0);
    }

    private Dataset(Map<String, Rows> inputs, Rows targets, int numClasses, Rows lengths, int steps) {
        int n = DatasetChecks.samples(inputs, targets);
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        this.targets = targets;
        this.size = n;
        this.numClasses = numClasses;
        this.lengths = lengths;
        this.steps = steps;
        if (numClasses > 0) {
            DatasetChecks.classIndices(targets, numClasses);
        }
    }

    /**
     * Starts a dataset of named inputs, as a model graph takes.
     *
     * @return the builder
     */
    public static DatasetBuilder builder() {
        return new DatasetBuilder();
    }

    /**
     * Creates a classification dataset with one input, {@link #INPUT}.
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
        return builder().input(INPUT, features, featureShape).classes(labels, numClasses).build();
    }

    /**
     * Creates a dataset with one input, {@link #INPUT}, whose targets are float values, as for regression.
     *
     * @param features the features of all samples, row-major
     * @param featureShape the shape of one sample's features
     * @param targets the targets of all samples, row-major, one row of {@code targetShape} per sample
     * @param targetShape the shape of one sample's target; {@code []} for one value
     * @return the dataset, holding the arrays without copying them
     * @throws ShapeMismatchException if the lengths do not fit the shapes
     */
    public static Dataset ofValues(float[] features, Shape featureShape, float[] targets, Shape targetShape) {
        return builder().input(INPUT, features, featureShape).values(targets, targetShape).build();
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

    /** @return the names of the inputs, in the order they were given */
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    /** @return the per-sample shape of each input, by name, in the order they were given */
    public Map<String, Shape> inputShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        inputs.forEach((name, rows) -> shapes.put(name, rows.shape()));
        return shapes;
    }

    /**
     * @return the shape of one sample's features: the per-sample shape of the only input
     * @throws IllegalStateException if the dataset has several inputs
     */
    public Shape featureShape() {
        return onlyInput().shape();
    }

    /** @return the shape of one sample's target: {@code []} for one class index, {@code [time]} for one per step */
    public Shape targetShape() {
        return targets.shape();
    }

    /** @return the number of classes, or empty when the targets are values */
    public OptionalInt numClasses() {
        return numClasses > 0 ? OptionalInt.of(numClasses) : OptionalInt.empty();
    }

    /** @return whether the targets are class indices (one per sample or one per step) */
    public boolean isClassification() {
        return numClasses > 0;
    }

    /** @return whether the targets are class indices, one per step ({@code [time]}) rather than one per sample */
    public boolean hasStepTargets() {
        return numClasses > 0 && targets.shape().rank() > 0;
    }

    /**
     * Returns a copy of one sample's features.
     *
     * @param sample the sample index
     * @return the only input's values of that sample, row-major
     * @throws IllegalStateException if the dataset has several inputs
     */
    public float[] features(int sample) {
        checkSample(sample);
        return onlyInput().row(sample);
    }

    /**
     * Returns a copy of one sample's values of one input.
     *
     * @param name the input's name
     * @param sample the sample index
     * @return its values, row-major
     * @throws IllegalArgumentException if there is no input of that name
     */
    public float[] input(String name, int sample) {
        checkSample(sample);
        return rows(name).row(sample);
    }

    /**
     * Returns a copy of one sample's target values (one value, the class index, for classification).
     *
     * @param sample the sample index
     * @return its target, row-major
     */
    public float[] target(int sample) {
        checkSample(sample);
        return targets.row(sample);
    }

    /**
     * Counts the targets of each class; per-step targets count every step but the ignored ones.
     *
     * @return the count of class {@code c} at index {@code c}
     * @throws IllegalStateException if the targets are values
     */
    public int[] classCounts() {
        if (!isClassification()) {
            throw new IllegalStateException("dataset: the targets are values, not classes");
        }
        int[] counts = new int[numClasses];
        for (float label : targets.values()) {
            if (label != IGNORE_INDEX) {
                counts[(int) label]++;
            }
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
        return map(rows -> rows.pick(indices));
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
        return map(rows -> rows.range(from, to));
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

    /**
     * The same samples, padded per batch instead of to one length: a {@link DataLoader} cuts
     * every batch to the longest sequence in it. Each input whose first axis is {@code steps}
     * long (such as {@code tokens [steps]} or {@code features [steps, F]}), and the targets when
     * theirs is, keep the batch's first {@code L} steps, {@code L} the largest length among the
     * batch's samples.
     *
     * @param steps the length the sequences are padded to in the rows
     * @param lengths each sample's number of real steps (those after it are padding), in {@code [1, steps]}
     * @return the dataset, sharing the arrays
     * @throws IllegalArgumentException if there is not one length per sample, or one is out of range
     */
    public Dataset paddedPerBatch(int steps, int[] lengths) {
        return new Dataset(inputs, targets, numClasses, DatasetChecks.lengths(lengths, steps, size), steps);
    }

    /** @return the length sequences are padded to when batches are cut to their longest sequence, else 0 */
    public int paddedSteps() {
        return lengths == null ? 0 : steps;
    }

    /** @return each sample's number of real steps when batches are cut to their longest sequence; for the batches */
    Rows lengthRows() {
        return lengths;
    }

    /**
     * Returns this dataset with one input's values changed, such as normalised; the other
     * inputs and the targets are shared.
     *
     * @param name the input, such as {@link #INPUT}
     * @param change takes a copy of the input's rows, back to back, and returns the new rows (it
     *     may change the copy and return it)
     * @return the new dataset
     * @throws IllegalArgumentException if there is no such input or the new rows are not as long
     */
    public Dataset mapInput(String name, UnaryOperator<float[]> change) {
        Rows rows = inputs.get(name);
        if (rows == null) {
            throw new IllegalArgumentException("dataset: no input '" + name + "'; inputs: " + inputs.keySet());
        }
        float[] changed = change.apply(rows.toFloats());
        if (changed.length != rows.size()) {
            throw new IllegalArgumentException("dataset: input '" + name + "' changed from " + rows.size()
                    + " to " + changed.length + " values");
        }
        Map<String, Rows> all = new LinkedHashMap<>(inputs);
        all.put(name, new Rows(changed, rows.shape()));
        return new Dataset(all, targets, numClasses);
    }

    private Dataset map(UnaryOperator<Rows> change) {
        Map<String, Rows> changed = new LinkedHashMap<>();
        inputs.forEach((name, rows) -> changed.put(name, change.apply(rows)));
        return new Dataset(changed, change.apply(targets), numClasses, lengths == null ? null : change.apply(lengths),
                steps);
    }

    /** @return every input's rows, by name, in order; for the batches */
    Map<String, Rows> inputRows() {
        return inputs;
    }

    /** @return the targets' rows; for the batches */
    Rows targetRows() {
        return targets;
    }

    private Rows rows(String name) {
        Rows rows = inputs.get(name);
        if (rows == null) {
            throw new IllegalArgumentException("dataset: no input named '" + name + "'; its inputs: " + inputNames());
        }
        return rows;
    }

    private Rows onlyInput() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("dataset: has " + inputs.size() + " inputs " + inputNames()
                    + "; name the one wanted");
        }
        return inputs.values().iterator().next();
    }

    private void checkSample(int sample) {
        if (sample < 0 || sample >= size) {
            throw new IndexOutOfBoundsException("dataset: sample " + sample + " is outside [0, " + size + ")");
        }
    }

    @Override
    public String toString() {
        List<String> described = new ArrayList<>();
        inputs.forEach((name, rows) -> described.add(inputs.size() == 1 && name.equals(INPUT)
                ? "features " + rows.shape() : name + " " + rows.shape()));
        String target = !isClassification() ? "targets " + targets.shape()
                : hasStepTargets() ? numClasses + " classes per step " + targets.shape() : numClasses + " classes";
        return "Dataset[" + size + " samples, " + String.join(", ", described) + ", " + target + "]";
    }
}
