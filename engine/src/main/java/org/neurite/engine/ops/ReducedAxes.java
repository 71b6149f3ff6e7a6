package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;

/**
 * The geometry of a reduction over some axes: the result's shape, and the plan that stretches
 * its kept-dims form back over the input (a reduction is the reverse of that broadcast).
 *
 * @param shape the result's shape, with or without the reduced axes as length 1
 * @param count the number of input elements that reduce into each result element
 * @param plan the broadcast of the kept-dims result over the input, as operand 0
 */
record ReducedAxes(Shape shape, long count, Broadcast plan) {

    /**
     * @param op the operation's name, for error messages
     * @param input the input's shape
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to reduce, negative counting from the end; none means all
     * @return the geometry
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    static ReducedAxes of(String op, Shape input, boolean keepDims, int... axes) {
        int rank = input.rank();
        boolean[] reduced = new boolean[rank];
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
        }
        for (int axis : axes) {
            int r = Axes.resolve(op, axis, input);
            if (reduced[r]) {
                throw new IllegalArgumentException(op + ": axis " + axis + " given twice for shape " + input);
            }
            reduced[r] = true;
        }
        int[] kept = new int[rank];
        int[] dropped = new int[rank];
        int outRank = 0;
        long count = 1;
        for (int i = 0; i < rank; i++) {
            kept[i] = reduced[i] ? 1 : input.dim(i);
            if (reduced[i]) {
                count *= input.dim(i);
            } else {
                dropped[outRank++] = input.dim(i);
            }
        }
        Shape shape = keepDims ? Shape.of(kept) : Shape.of(Arrays.copyOf(dropped, outRank));
        return new ReducedAxes(shape, count, Broadcast.to(op, input, Shape.of(kept)));
    }
}
