package org.neurite.engine.ops;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Gradient arrays that a backward step has finished with, handed to a later backward step of the
 * same thread that needs an array of the same size, instead of a new one that the JVM zeroes on
 * the calling thread and the collector copies while it lives. A convolution's training step passes
 * images-sized gradients from op to op (max pooling's input gradient, the convolution's input
 * gradient), the same sizes step after step, so after the first step they come from here.
 *
 * <p>Only an op's backward step gives back, and only the gradient of its own result that it was
 * handed: backpropagation ({@link org.neurite.engine.autograd.Autograd#backward}) gives each
 * intermediate result a gradient array nobody else holds and drops it once that result's backward
 * step returns, so the step that read it last may give it back (after its last read, and only if it
 * did not pass it on to an input). An array taken from here is removed from here, so it is never
 * handed to two uses at once. Its contents are whatever its last use left: the taker writes every
 * element. One store per thread (backpropagation runs on one thread), holding a few arrays.
 */
final class SpentGradients {

    /** Arrays below this many floats (16 KiB) cost the allocator little: not kept. */
    static final int MIN_FLOATS = 1 << 12;
    /** At most this many arrays kept per thread, the oldest given up first. */
    static final int MAX_ARRAYS = 8;
    /** At most this many floats kept per thread (64 MiB), the oldest given up first. */
    static final long MAX_FLOATS = 1L << 24;

    private static final ThreadLocal<ArrayDeque<float[]>> KEPT = ThreadLocal.withInitial(ArrayDeque::new);

    private SpentGradients() {
    }

    /**
     * @param size the length needed
     * @return an array of that length, from here if one was given back (with the contents its last
     *     use left), else a new one; the caller must write every element before reading any
     */
    static float[] take(int size) {
        if (size >= MIN_FLOATS) {
            for (Iterator<float[]> it = KEPT.get().iterator(); it.hasNext();) {
                float[] a = it.next();
                if (a.length == size) {
                    it.remove();
                    return a;
                }
            }
        }
        return new float[size];
    }

    /**
     * Keeps an array that nobody reads or writes any more for a later {@link #take}.
     *
     * @param spent the gradient of an op's result, after the op's backward step read it for the last time
     */
    static void giveBack(float[] spent) {
        if (spent.length < MIN_FLOATS) {
            return;
        }
        ArrayDeque<float[]> kept = KEPT.get();
        kept.addLast(spent);
        long floats = 0;
        for (float[] a : kept) {
            floats += a.length;
        }
        while (kept.size() > MAX_ARRAYS || floats > MAX_FLOATS) {
            floats -= kept.removeFirst().length;
        }
    }

    /** @return how many arrays this thread keeps (for tests) */
    static int keptOnThisThread() {
        return KEPT.get().size();
    }

    /** Forgets the arrays this thread keeps (for tests). */
    static void clearThisThread() {
        KEPT.get().clear();
    }
}
