package org.neurite.api;

import java.util.Arrays;

/**
 * The immutable dimensions of a tensor, outermost first. A scalar has rank 0 and size 1.
 * {@link #toString()} reads as {@code [128, 784]}.
 */
public final class Shape {

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("negative dimension " + dims[i] + " at axis " + i
                        + " in " + Arrays.toString(dims));
            }
            n *= dims[i];
        }
        this.dims = dims;
        this.size = n;
    }

    /**
     * Returns the shape with the given dimensions.
     *
     * @param dims the dimensions, outermost first; none may be negative
     * @return the shape
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** @return the shape of a scalar: rank 0, size 1 */
    public static Shape scalar() {
        return SCALAR;
    }

    /** @return the number of dimensions */
    public int rank() {
        return dims.length;
    }

    /**
     * Returns one dimension; a negative axis counts from the end ({@code -1} is the last).
     *
     * @param axis the axis, in {@code [-rank, rank)}
     * @return the length of that axis
     * @throws IllegalArgumentException if the axis is out of range
     */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /**
     * Resolves a possibly negative axis to its index.
     *
     * @param axis the axis, in {@code [-rank, rank)}
     * @return the axis in {@code [0, rank)}
     * @throws IllegalArgumentException if the axis is out of range
     */
    public int axis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this);
        }
        return a;
    }

    /** @return the number of elements: the product of the dimensions (1 for a scalar) */
    public long size() {
        return size;
    }

    /**
     * Returns the number of elements as an int, for shapes that fit into one Java array.
     *
     * @return the number of elements
     * @throws IllegalStateException if there are more than {@code Integer.MAX_VALUE} elements
     */
    public int intSize() {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("shape " + this + " has " + size + " elements, more than one array holds");
        }
        return (int) size;
    }

    /** @return a copy of the dimensions */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * Returns this shape with one more dimension in front, as when a batch axis is added.
     *
     * @param outer the new outermost dimension
     * @return the longer shape
     */
    public Shape prepend(int outer) {
        int[] d = new int[dims.length + 1];
        d[0] = outer;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    /**
     * Returns the dimensions from {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from the first axis kept
     * @param to one past the last axis kept
     * @return the shorter shape
     */
    public Shape sub(int from, int to) {
        return Shape.of(Arrays.copyOfRange(dims, from, to));
    }

    /** @return this shape without its first dimension, as when a batch axis is removed */
    public Shape dropFirst() {
        if (dims.length == 0) {
            throw new IllegalStateException("a scalar shape has no first dimension");
        }
        return sub(1, dims.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
