package org.neurite.engine.kernel;

/**
 * What a micro-kernel does to a finished tile of C after {@code alpha * product + beta * C}: add
 * a bias per column, then clamp at zero (ReLU), as a dense layer's forward does. Done while the
 * tile is stored, so that the layer makes no passes of its own over its output.
 *
 * @param bias one value per column of C, or {@code null} for none
 * @param relu whether to replace each value by {@code max(value, 0)} ({@link Math#max}: NaN stays NaN)
 */
record Epilogue(float[] bias, boolean relu) {

    /** Nothing beyond alpha and beta. */
    static final Epilogue NONE = new Epilogue(null, false);
}
