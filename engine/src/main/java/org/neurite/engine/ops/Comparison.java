package org.neurite.engine.ops;

import org.neurite.engine.tensor.CpuTensor;

/**
 * Elementwise comparisons that give 0/1 masks, broadcast on a {@link Broadcast} plan. They are
 * not differentiable: the masks are new leaves.
 */
public enum Comparison {
    /** {@code x > y} */
    GT("gt"),
    /** {@code x >= y} */
    GE("ge"),
    /** {@code x < y} */
    LT("lt"),
    /** {@code x <= y} */
    LE("le"),
    /** {@code x == y} */
    EQ("eq"),
    /** {@code x != y}, also where either is NaN */
    NE("ne");

    private final String name;

    Comparison(String name) {
        this.name = name;
    }

    /**
     * @param a the left operand
     * @param b the right operand
     * @return 1 where the comparison holds and 0 elsewhere, in the broadcast shape
     * @throws org.neurite.api.ShapeMismatchException if the shapes do not broadcast
     */
    public CpuTensor apply(CpuTensor a, CpuTensor b) {
        Broadcast plan = Broadcast.of(name, a.shape(), b.shape());
        float[] x = a.data();
        float[] z = b.data();
        float[] y = new float[plan.shape().intSize()];
        int cols = plan.cols();
        int as = plan.step(0);
        int bs = plan.step(1);
        for (int row = 0; row < plan.rows(); row++) {
            int ao = plan.rowStart(0, row);
            int bo = plan.rowStart(1, row);
            int o = row * cols;
            for (int j = 0; j < cols; j++) {
                y[o + j] = holds(x[ao + j * as], z[bo + j * bs]) ? 1f : 0f;
            }
        }
        return CpuTensor.wrap(y, plan.shape());
    }

    private boolean holds(float x, float y) {
        return switch (this) {
            case GT -> x > y;
            case GE -> x >= y;
            case LT -> x < y;
            case LE -> x <= y;
            case EQ -> x == y;
            case NE -> x != y;
        };
    }
}
