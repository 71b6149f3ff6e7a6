package org.neurite.engine.data.source;

/**
 * One sequence as read from a file, before padding.
 *
 * @param line the line it was read from, counted from 1, for messages
 * @param steps the values of its steps, back to back ({@code features} per step)
 * @param length the number of steps
 * @param labels its label (one value), or one label per step
 */
record Sequence(int line, float[] steps, int length, float[] labels) {
}
