package org.neurite.launcher.run.data;

import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;

/**
 * Samples as a source gives them, before they are fitted to a model: features of one shape
 * and one label per sample, both as floats.
 *
 * @param source what they were read from, for messages
 * @param features the features of all samples, row-major
 * @param featureShape the shape of one sample's features
 * @param labels one label per sample
 */
public record Samples(String source, float[] features, Shape featureShape, float[] labels) {

    /** @return the number of samples */
    public int size() {
        return labels.length;
    }

    /**
     * Copies a dataset's samples, whose targets must be one value each.
     *
     * @param source what they were read from
     * @param data the dataset
     * @return its samples
     */
    public static Samples of(String source, Dataset data) {
        int n = data.size();
        int length = data.featureShape().intSize();
        float[] features = new float[n * length];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.features(i), 0, features, i * length, length);
            labels[i] = data.target(i)[0];
        }
        return new Samples(source, features, data.featureShape(), labels);
    }
}
