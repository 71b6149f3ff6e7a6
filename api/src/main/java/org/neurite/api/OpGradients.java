package org.neurite.api;

/**
 * What the backward step of a custom op sees: d(loss)/d(output), and the inputs' gradients it
 * adds. Inputs are numbered as they were passed to {@link Backend#custom}.
 */
public interface OpGradients {

    /** @return the shape of the op's output, which is also the shape of {@link #output()} */
    Shape shape();

    /**
     * @return d(loss)/d(output), row-major, of the output's size; the array belongs to this
     *     backward step (read it, or reuse it as scratch space)
     */
    float[] output();

    /** @return d(loss)/d(output) as a tensor not requiring a gradient, for backward steps written with tensor ops */
    Tensor outputTensor();

    /**
     * @param input an input's position
     * @return whether that input takes a gradient; computing one for any other input is wasted work
     * @throws IndexOutOfBoundsException if there is no such input
     */
    boolean needs(int input);

    /**
     * Adds d(loss)/d(input) into that input's gradient. Nothing happens when the input does
     * not {@link #needs need} one. The array is copied, so the caller may reuse it.
     *
     * @param input the input's position
     * @param gradient row-major, of the input's size
     * @throws ShapeMismatchException if the length is not the input's size, naming the op and the input's shape
     */
    void add(int input, float[] gradient);

    /**
     * Adds d(loss)/d(input) into that input's gradient, as {@link #add(int, float[])} does.
     *
     * @param input the input's position
     * @param gradient of the input's shape
     * @throws ShapeMismatchException if the shape is not the input's, naming the op and both shapes
     */
    void add(int input, Tensor gradient);
}
