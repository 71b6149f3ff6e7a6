package org.neurite.engine.data;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.SampleSet;
import org.neurite.api.Shape;

/**
 * Builds a {@link Dataset} of named inputs: one or more {@link #input}s, then the targets,
 * either {@link #classes} or {@link #values}. The arrays are held as given, not copied.
 *
 * <pre>{@code
 * Dataset.builder().input("image", pixels, Shape.of(28, 28)).input("hint", hints, Shape.of(4))
 *         .classes(labels, 10).build();
 * }</pre>
 */
public final class DatasetBuilder {

    private final Map<String, Rows> inputs = new LinkedHashMap<>();
    private Rows targets;
    private int numClasses;

    DatasetBuilder() {
    }

    /**
     * Adds an input.
     *
     * @param name its name, which a model graph's input of the same name takes
     * @param values all samples' values, row-major, one row of {@code perSampleShape} per sample;
     *     token ids and boolean masks are whole numbers held in floats
     * @param perSampleShape the shape of one sample's values, without the batch axis
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already taken
     */
    public DatasetBuilder input(String name, float[] values, Shape perSampleShape) {
        return input(name, new Rows(values, perSampleShape));
    }

    /**
     * Adds an input held as a data source's column holds it: floats, or unsigned bytes that each
     * batch turns into floats as it copies them out ({@link SampleSet.Column#copyValues}).
     *
     * @param name its name, which a model graph's input of the same name takes
     * @param column all samples' values, held as given
     * @param perSampleShape the shape of one sample's values, without the batch axis; it may
     *     differ from the column's own (such as {@code [1, 28, 28]} for images {@code [28, 28]})
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already taken
     */
    public DatasetBuilder input(String name, SampleSet.Column column, Shape perSampleShape) {
        return input(name, Rows.of(column, perSampleShape));
    }

    private DatasetBuilder input(String name, Rows rows) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset: an input needs a name");
        }
        if (inputs.containsKey(name)) {
            throw new IllegalArgumentException("dataset: two inputs are named '" + name + "'");
        }
        inputs.put(name, rows);
        return this;
    }

    /**
     * Sets the targets to one class index per sample.
     *
     * @param labels one class index per sample, in {@code [0, numClasses)}
     * @param numClasses the number of classes, at least 1
     * @return this builder
     */
    public DatasetBuilder classes(float[] labels, int numClasses) {
        return classes(labels, Shape.scalar(), numClasses);
    }

    /**
     * Sets the targets to class indices of a per-sample shape: {@code []} for one per sample,
     * {@code [time]} for one per step, where {@link Dataset#IGNORE_INDEX} marks a step that
     * counts for nothing (padding).
     *
     * @param labels the class indices of all samples, row-major
     * @param perSampleShape the shape of one sample's labels
     * @param numClasses the number of classes, at least 1
     * @return this builder
     */
    public DatasetBuilder classes(float[] labels, Shape perSampleShape, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("dataset: the number of classes must be at least 1, found " + numClasses);
        }
        this.targets = new Rows(labels, perSampleShape);
        this.numClasses = numClasses;
        return this;
    }

    /**
     * Sets the targets to float values, as for regression.
     *
     * @param values the targets of all samples, row-major
     * @param perSampleShape the shape of one sample's target; {@code []} for one value
     * @return this builder
     */
    public DatasetBuilder values(float[] values, Shape perSampleShape) {
        this.targets = new Rows(values, perSampleShape);
        this.numClasses = 0;
        return this;
    }

    /**
     * @return the dataset
     * @throws IllegalStateException if no input or no targets were given
     * @throws org.neurite.api.ShapeMismatchException if the inputs and targets do not hold equally
     *     many samples, or an array does not divide into rows of its shape
     * @throws IllegalArgumentException if a class label is not a class index, naming the sample (and step)
     */
    public Dataset build() {
        if (inputs.isEmpty() || targets == null) {
            throw new IllegalStateException("dataset: needs at least one input and the targets (classes or values)");
        }
        return new Dataset(inputs, targets, numClasses);
    }
}
