package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/**
 * How operands broadcast to a common result shape (NumPy rules), as a plan that ops iterate.
 *
 * <p>The plan lists, for every operand, its stride along each result axis (0 where it is
 * stretched). Result axes of length 1 are dropped and neighbouring axes that every operand
 * walks contiguously are merged, so same-shaped operands become one flat run, a scalar operand
 * a run with step 0, and a bias row {@code [b, n] + [n]} {@code b} runs of {@code n}. Ops walk
 * the result as {@link #rows()} runs of {@link #cols()} elements: in run {@code r}, operand
 * {@code k} starts at {@link #rowStart(int, int)} and advances by {@link #step(int)} (0 or 1).
 *
 * <p>The result itself is the last operand, {@link #result()}, so that result-shaped arrays
 * (an output gradient) can be combined with broadcast operands by the same loops.
 */
public final class Broadcast {

    private final Shape shape;
    private final Shape[] shapes;
    /** The merged result axes, of which the first {@code axes} are in use. */
    private final int[] dims;
    /** Per operand, its stride along each merged axis; 0 where it is stretched. */
    private final int[][] strides;
    private final int axes;
    private final int rows;
    private final int cols;

    private Broadcast(Shape shape, Shape[] operands) {
        this.shape = shape;
        int count = operands.length;
        this.shapes = Arrays.copyOf(operands, count + 1);
        shapes[count] = shape;
        int rank = shape.rank();
        this.dims = new int[Math.max(rank, 1)];
        this.strides = new int[count + 1][dims.length];
        int kept = 0;
        for (int axis = 0; axis < rank; axis++) {
            int length = shape.dim(axis);
            if (length == 1) {
                continue; // every operand has length 1 here: the axis moves nothing
            }
            boolean merge = kept > 0;
            for (int k = 0; k <= count && merge; k++) {
                merge = strides[k][kept - 1] == stride(shapes[k], axis, rank) * length;
            }
            if (merge) {
                dims[kept - 1] *= length;
            } else {
                dims[kept++] = length;
            }
            for (int k = 0; k <= count; k++) {
                strides[k][kept - 1] = stride(shapes[k], axis, rank);
            }
        }
        if (kept == 0) {
            dims[0] = 1; // a single element: strides stay 0
            kept = 1;
        }
        this.axes = kept;
        int r = 1;
        for (int axis = 0; axis < kept - 1; axis++) {
            r *= dims[axis];
        }
        this.rows = r;
        this.cols = dims[kept - 1];
    }

    /**
     * Plans the broadcast of operands to their common shape.
     *
     * @param op the operation's name, for the error message
     * @param operands the operands' shapes
     * @return the plan
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public static Broadcast of(String op, Shape... operands) {
        return new Broadcast(shape(op, operands), operands);
    }

    /**
     * Plans the broadcast of operands to a given shape, as when a reduction's kept-dims
     * result is stretched back over its input.
     *
     * @param op the operation's name, for the error message
     * @param result the shape every operand must broadcast to
     * @param operands the operands' shapes
     * @return the plan
     * @throws ShapeMismatchException if an operand does not broadcast to {@code result}
     */
    public static Broadcast to(String op, Shape result, Shape... operands) {
        for (Shape s : operands) {
            boolean fits = s.rank() <= result.rank();
            for (int axis = 0; axis < s.rank() && fits; axis++) {
                int d = s.dim(axis);
                fits = d == 1 || d == result.dim(axis + result.rank() - s.rank());
            }
            if (!fits) {
                throw new ShapeMismatchException(op + ": shape " + s + " does not broadcast to " + result);
            }
        }
        return new Broadcast(result, operands);
    }

    /**
     * The common shape of broadcast operands.
     *
     * @param op the operation's name, for the error message
     * @param shapes the operands' shapes
     * @return the result shape
     * @throws ShapeMismatchException naming the op and every shape if they do not broadcast
     */
    public static Shape shape(String op, Shape... shapes) {
        int rank = 0;
        for (Shape s : shapes) {
            rank = Math.max(rank, s.rank());
        }
        int[] out = new int[rank];
        for (int axis = 0; axis < rank; axis++) {
            int length = 1;
            for (Shape s : shapes) {
                int d = dimAligned(s, axis, rank);
                if (d != 1) {
                    if (length != 1 && length != d) {
                        throw new ShapeMismatchException(op + ": shapes " + list(shapes) + " do not broadcast");
                    }
                    length = d;
                }
            }
            out[axis] = length;
        }
        return Shape.of(out);
    }

    private static String list(Shape[] shapes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shapes.length; i++) {
            sb.append(i == 0 ? "" : i == shapes.length - 1 ? " and " : ", ").append(shapes[i]);
        }
        return sb.toString();
    }

    /** The operand's length along result axis {@code axis}, 1 where the operand has no such axis. */
    private static int dimAligned(Shape s, int axis, int rank) {
        int a = axis - (rank - s.rank());
        return a < 0 ? 1 : s.dim(a);
    }

    /** The operand's row-major stride along result axis {@code axis}, 0 where it is stretched. */
    private static int stride(Shape s, int axis, int rank) {
        int a = axis - (rank - s.rank());
        if (a < 0 || s.dim(a) == 1) {
            return 0;
        }
        int stride = 1;
        for (int i = a + 1; i < s.rank(); i++) {
            stride *= s.dim(i);
        }
        return stride;
    }

    /** @return the result shape */
    public Shape shape() {
        return shape;
    }

    /** @return the operand index of the result's own (contiguous) layout */
    public int result() {
        return shapes.length - 1;
    }

    /** @return the number of runs the result is walked in */
    public int rows() {
        return rows;
    }

    /** @return the length of each run */
    public int cols() {
        return cols;
    }

    /**
     * @param k an operand index
     * @return how far operand {@code k} advances per element of a run: 1, or 0 where stretched
     */
    public int step(int k) {
        return strides[k][axes - 1];
    }

    /**
     * @param k an operand index
     * @param row a run index in {@code [0, rows())}
     * @return the offset of operand {@code k}'s element at the start of that run
     */
    public int rowStart(int k, int row) {
        int[] s = strides[k];
        int offset = 0;
        for (int axis = axes - 2; axis >= 0 && row > 0; axis--) {
            int d = dims[axis];
            offset += (row % d) * s[axis];
            row /= d;
        }
        return offset;
    }

    /**
     * @param k an operand index
     * @param index a row-major position in the result
     * @return the offset of the operand's element broadcast to that position
     */
    public int offset(int k, int index) {
        return rowStart(k, index / cols) + (index % cols) * step(k);
    }

    /**
     * @param k an operand index
     * @return whether operand {@code k} has the result's layout (its shape at most lacks
     *     leading axes of length 1), so needs no broadcasting
     */
    public boolean isFull(int k) {
        return shapes[k].size() == shape.size();
    }

    /**
     * Stretches an operand to the result shape.
     *
     * @param k the operand index
     * @param values the operand's values
     * @return a new result-shaped array
     */
    public float[] expand(int k, float[] values) {
        float[] full = new float[shape.intSize()];
        int step = step(k);
        for (int row = 0; row < rows; row++) {
            int from = rowStart(k, row);
            int at = row * cols;
            if (step == 1) {
                System.arraycopy(values, from, full, at, cols);
            } else {
                Arrays.fill(full, at, at + cols, values[from]);
            }
        }
        return full;
    }

    /**
     * Sums a result-shaped array back to an operand's shape: every element that the operand
     * broadcast to adds into its source. This is the gradient of broadcasting, and a sum over
     * the stretched axes.
     *
     * @param k the operand index
     * @param full a result-shaped array
     * @return a new operand-shaped array
     */
    public float[] reduce(int k, float[] full) {
        float[] acc = new float[shapes[k].intSize()];
        int step = step(k);
        for (int row = 0; row < rows; row++) {
            int to = rowStart(k, row);
            int at = row * cols;
            if (step == 1) {
                for (int j = 0; j < cols; j++) {
                    acc[to + j] += full[at + j];
                }
            } else {
                double sum = 0; // a long run sums into one element: keep the precision
                for (int j = 0; j < cols; j++) {
                    sum += full[at + j];
                }
                acc[to] += (float) sum;
            }
        }
        return acc;
    }

    /**
     * Adds a result-shaped gradient into operand {@code k}'s tensor, summed to its shape.
     *
     * @param k the operand index
     * @param input the operand's tensor; nothing happens unless it requires a gradient
     * @param full the result-shaped gradient
     * @param owned whether {@code full} is a fresh array the caller gives up (else it is copied)
     */
    public void accumulate(int k, CpuTensor input, float[] full, boolean owned) {
        if (!input.requiresGrad()) {
            return;
        }
        if (!isFull(k)) {
            input.adoptGrad(reduce(k, full));
        } else if (owned) {
            input.adoptGrad(full);
        } else {
            input.accumulateGrad(full);
        }
    }
}
