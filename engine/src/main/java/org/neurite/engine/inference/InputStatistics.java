package org.neurite.engine.inference;

import org.neurite.api.Shape;

/**
 * The mean and standard deviation of inputs seen one at a time, grouped as a
 * {@link Preprocessing.Normalization} says, in double precision: what {@link Preprocessing}
 * normalises with, computed from the training data. A group whose values are all equal gets a
 * std of 1, so that it is only centred (as scikit-learn's StandardScaler does).
 */
public final class InputStatistics {

    private final Preprocessing.Normalization normalization;
    private final int features;
    private final int block;
    private final double[] sum;
    private final double[] squares;
    private long inputs;

    /**
     * @param input the per-sample input shape
     * @param normalization which values share a mean
     */
    public InputStatistics(Shape input, Preprocessing.Normalization normalization) {
        this.normalization = normalization;
        int groups = normalization.groups(input);
        this.features = input.intSize();
        this.block = groups == 0 ? features : features / groups;
        this.sum = new double[groups];
        this.squares = new double[groups];
    }

    /**
     * @param values holds one input, scaled, at {@code from}
     * @param from where it starts
     */
    public void add(float[] values, int from) {
        if (sum.length == 0) {
            return;
        }
        for (int i = 0; i < features; i++) {
            int g = i / block;
            double x = values[from + i];
            sum[g] += x;
            squares[g] += x * x;
        }
        inputs++;
    }

    /**
     * @param scale the divisor the inputs were scaled by
     * @return the pre-processing with the statistics seen
     * @throws IllegalArgumentException if a normalisation is asked for but no input was seen
     */
    public Preprocessing preprocessing(double scale) {
        if (sum.length == 0) {
            return Preprocessing.scale(scale);
        }
        if (inputs == 0) {
            throw new IllegalArgumentException("preprocessing: no inputs to compute the " + normalization.configName()
                    + " mean and standard deviation from");
        }
        double count = (double) inputs * block;
        float[] mean = new float[sum.length];
        float[] std = new float[sum.length];
        for (int g = 0; g < sum.length; g++) {
            double m = sum[g] / count;
            double s = Math.sqrt(Math.max(0, squares[g] / count - m * m));
            mean[g] = (float) m;
            std[g] = s > 1e-7 ? (float) s : 1f;
        }
        return new Preprocessing(scale, mean, std);
    }
}
