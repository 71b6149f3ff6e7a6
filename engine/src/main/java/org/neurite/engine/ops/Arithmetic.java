package org.neurite.engine.ops;

import java.util.Arrays;

/**
 * The four broadcasting arithmetic operators and their loops. Each run of a {@link Broadcast}
 * plan is computed by a plain loop chosen once per run (both operands advancing, or one held),
 * so the same-shape, scalar and bias-row cases compile to tight, vectorizable loops.
 */
enum Arithmetic {
    /** {@code x + y} */
    ADD,
    /** {@code x - y} */
    SUB,
    /** {@code x * y} */
    MUL,
    /** {@code x / y} */
    DIV;

    /**
     * Writes {@code x op y} for every element of the plan's result into {@code out}.
     *
     * @param plan the broadcast plan
     * @param x the left operand's values
     * @param xk the left operand's index in the plan
     * @param y the right operand's values
     * @param yk the right operand's index in the plan
     * @param out a result-shaped array; may be {@code x} or {@code y} when that one is result-shaped
     */
    void apply(Broadcast plan, float[] x, int xk, float[] y, int yk, float[] out) {
        int cols = plan.cols();
        int xs = plan.step(xk);
        int ys = plan.step(yk);
        for (int row = 0; row < plan.rows(); row++) {
            int xo = plan.rowStart(xk, row);
            int yo = plan.rowStart(yk, row);
            int o = row * cols;
            if (xs == 1 && ys == 1) {
                both(x, xo, y, yo, out, o, cols);
            } else if (xs == 1) {
                right(x, xo, y[yo], out, o, cols);
            } else if (ys == 1) {
                left(x[xo], y, yo, out, o, cols);
            } else {
                Arrays.fill(out, o, o + cols, of(x[xo], y[yo]));
            }
        }
    }

    private float of(float x, float y) {
        return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
        };
    }

    /** Both operands advance. */
    private void both(float[] x, int xo, float[] y, int yo, float[] out, int o, int n) {
        switch (this) {
            case ADD -> { for (int j = 0; j < n; j++) { out[o + j] = x[xo + j] + y[yo + j]; } }
            case SUB -> { for (int j = 0; j < n; j++) { out[o + j] = x[xo + j] - y[yo + j]; } }
            case MUL -> { for (int j = 0; j < n; j++) { out[o + j] = x[xo + j] * y[yo + j]; } }
            case DIV -> { for (int j = 0; j < n; j++) { out[o + j] = x[xo + j] / y[yo + j]; } }
        }
    }

    /** The right operand is held at {@code v}. */
    private void right(float[] x, int xo, float v, float[] out, int o, int n) {
        switch (this) {
            case ADD -> { for (int j = 0; j < n; j++) { out[o + j] = x[xo + j] + v; } }
            case SUB -> { for (int j = 0; j < n; j++) { out[o + j] = x[xo + j] - v; } }
            case MUL -> { for (int j = 0; j < n; j++) { out[o + j] = x[xo + j] * v; } }
            case DIV -> { for (int j = 0; j < n; j++) { out[o + j] = x[xo + j] / v; } }
        }
    }

    /** The left operand is held at {@code v}. */
    private void left(float v, float[] y, int yo, float[] out, int o, int n) {
        switch (this) {
            case ADD -> { for (int j = 0; j < n; j++) { out[o + j] = v + y[yo + j]; } }
            case SUB -> { for (int j = 0; j < n; j++) { out[o + j] = v - y[yo + j]; } }
            case MUL -> { for (int j = 0; j < n; j++) { out[o + j] = v * y[yo + j]; } }
            case DIV -> { for (int j = 0; j < n; j++) { out[o + j] = v / y[yo + j]; } }
        }
    }
}
