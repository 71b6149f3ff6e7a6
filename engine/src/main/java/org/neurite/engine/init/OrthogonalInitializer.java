package org.neurite.engine.init;

import java.util.random.RandomGenerator;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.options.OptionChecks;

/**
 * A (semi-)orthogonal matrix times a gain, as {@code torch.nn.init.orthogonal_}: the shape is
 * viewed as {@code rows = dim 0} by {@code cols = the rest}; a standard normal matrix of the
 * taller orientation is decomposed as Q·R, Q's columns are multiplied by the signs of R's
 * diagonal, and Q (transposed back when rows &lt; cols) is the result. So the rows are
 * orthonormal when rows &lt;= cols, and the columns otherwise. A zero on R's diagonal, which
 * happens with probability zero, counts as positive here.
 */
public final class OrthogonalInitializer extends AbstractInitializer {

    private final double gain;

    /** @param gain the scaling factor, > 0 */
    public OrthogonalInitializer(double gain) {
        super("orthogonal");
        this.gain = OptionChecks.positive("gain", gain);
    }

    @Override
    protected void fill(float[] values, Shape shape, RandomGenerator random) {
        if (shape.rank() < 2) {
            throw new ShapeMismatchException("initializer orthogonal: needs a shape of rank 2 or more, got " + shape);
        }
        int rows = shape.dim(0);
        int cols = values.length / rows;
        double[] flat = new double[values.length];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = random.nextGaussian();
        }
        boolean wide = rows < cols;
        int m = wide ? cols : rows;
        int n = wide ? rows : cols;
        double[] tall = wide ? transpose(flat, rows, cols) : flat;
        double[] q = HouseholderQr.orthonormalFactor(tall, m, n);
        double[] result = wide ? transpose(q, m, n) : q;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (gain * result[i]);
        }
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
