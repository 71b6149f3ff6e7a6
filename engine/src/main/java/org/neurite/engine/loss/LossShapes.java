package org.neurite.engine.loss;

import org.neurite.api.Loss;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/** Checks that a prediction and its target fit together, and reads class labels. */
final class LossShapes {

    private LossShapes() {
    }

    /**
     * Requires a target of the prediction's shape. A prediction {@code [batch, 1]} also takes a
     * target {@code [batch]}, as a single-output model meets a plain list of labels; the values
     * line up one to one either way.
     *
     * @throws ShapeMismatchException naming the loss and both shapes
     */
    static void requireElementwise(String loss, CpuTensor prediction, CpuTensor target) {
        Shape p = prediction.shape();
        Shape t = target.shape();
        boolean trailingOne = p.rank() == t.rank() + 1 && p.dim(-1) == 1 && p.sub(0, t.rank()).equals(t);
        if (!p.equals(t) && !trailingOne) {
            throw new ShapeMismatchException(loss + ": prediction " + p + " and target " + t
                    + " do not fit: expected a target of the prediction's shape");
        }
    }

    /**
     * Requires a prediction {@code [batch, classes]} with a target {@code [batch]}, or per step
     * {@code [batch, time, classes]} with {@code [batch, time]} (any leading axes, classes last),
     * holding whole numbers in {@code [0, classes)} or {@link Loss#IGNORE_INDEX}, and returns them.
     *
     * @return the class label of each position, row-major; -1 where the target is ignored
     * @throws ShapeMismatchException naming the loss and both shapes
     * @throws IllegalArgumentException naming the first bad label, its position and the number of classes
     */
    static int[] classLabels(String loss, CpuTensor prediction, CpuTensor target) {
        Shape p = prediction.shape();
        Shape t = target.shape();
        if (p.rank() < 2 || !t.equals(p.sub(0, p.rank() - 1))) {
            throw new ShapeMismatchException(loss + ": prediction " + p + " and target " + t
                    + " do not fit: expected a prediction [batch, classes] and a target [batch] of class indices,"
                    + " or [batch, time, classes] and [batch, time]");
        }
        int classes = p.dim(-1);
        float[] values = target.data();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v == Loss.IGNORE_INDEX) {
                labels[i] = -1;
                continue;
            }
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                String problem = v == Math.rint(v) ? "is outside [0, " + classes + ")" : "is not a whole number";
                throw new IllegalArgumentException(loss + ": class label " + v + " at " + position(t, i) + " "
                        + problem + " (" + classes + " classes)");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /** {@code batch position 2}, or {@code position [2, 5]} of a per-step target. */
    private static String position(Shape target, int flat) {
        if (target.rank() == 1) {
            return "batch position " + flat;
        }
        int[] index = new int[target.rank()];
        for (int axis = target.rank() - 1; axis >= 0; axis--) {
            index[axis] = flat % target.dim(axis);
            flat /= target.dim(axis);
        }
        return "position " + java.util.Arrays.toString(index);
    }

    /** @return how many labels are not ignored */
    static int counted(int[] labels) {
        int n = 0;
        for (int label : labels) {
            n += label >= 0 ? 1 : 0;
        }
        return n;
    }
}
