package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Elementwise choice ({@code where}) and masking ({@code maskedFill}) on {@link Broadcast}
 * plans. No gradient flows to a condition or mask, nor from positions that were replaced.
 */
public final class Selection {

    private Selection() {
    }

    /**
     * @param condition the mask: non-zero picks {@code a}
     * @param a the values where the condition is non-zero
     * @param b the values where it is zero
     * @return the chosen values, in the common broadcast shape of all three
     * @throws org.neurite.api.ShapeMismatchException if the shapes do not broadcast
     */
    public static CpuTensor where(CpuTensor condition, CpuTensor a, CpuTensor b) {
        Broadcast plan = Broadcast.of("where", condition.shape(), a.shape(), b.shape());
        float[] c = condition.data();
        float[] x = a.data();
        float[] z = b.data();
        float[] y = new float[plan.shape().intSize()];
        int cols = plan.cols();
        int cs = plan.step(0);
        int as = plan.step(1);
        int bs = plan.step(2);
        for (int row = 0; row < plan.rows(); row++) {
            int co = plan.rowStart(0, row);
            int ao = plan.rowStart(1, row);
            int bo = plan.rowStart(2, row);
            int o = row * cols;
            for (int j = 0; j < cols; j++) {
                y[o + j] = c[co + j * cs] != 0 ? x[ao + j * as] : z[bo + j * bs];
            }
        }
        return CpuTensor.result("where", y, plan.shape(), g -> {
            if (a.requiresGrad()) {
                float[] d = g.clone();
                fill(plan, 0, c, false, d, 0f);
                plan.accumulate(1, a, d, true);
            }
            if (b.requiresGrad()) {
                float[] d = g.clone();
                fill(plan, 0, c, true, d, 0f);
                plan.accumulate(2, b, d, true);
            }
        }, a, b);
    }

    /**
     * @param x the input
     * @param mask non-zero where {@code x} is replaced; broadcasts to {@code x}'s shape
     * @param value the replacement
     * @return {@code x} with the masked positions set to {@code value}
     * @throws org.neurite.api.ShapeMismatchException if the mask does not broadcast to {@code x}
     */
    public static CpuTensor maskedFill(CpuTensor x, CpuTensor mask, float value) {
        Shape shape = x.shape();
        Broadcast plan = Broadcast.to("maskedFill", shape, mask.shape());
        float[] m = mask.data();
        float[] y = x.data().clone();
        fill(plan, 0, m, true, y, value);
        return CpuTensor.result("maskedFill", y, shape, g -> {
            float[] d = g.clone();
            fill(plan, 0, m, true, d, 0f);
            x.adoptGrad(d);
        }, x);
    }

    /**
     * Sets the elements of a result-shaped {@code target} to {@code value} where the broadcast
     * {@code mask} (operand {@code k} of the plan) is non-zero, or zero when {@code nonZero} is false.
     */
    private static void fill(Broadcast plan, int k, float[] mask, boolean nonZero, float[] target, float value) {
        int cols = plan.cols();
        int step = plan.step(k);
        for (int row = 0; row < plan.rows(); row++) {
            int mo = plan.rowStart(k, row);
            int o = row * cols;
            for (int j = 0; j < cols; j++) {
                if ((mask[mo + j * step] != 0) == nonZero) {
                    target[o + j] = value;
                }
            }
        }
    }
}
