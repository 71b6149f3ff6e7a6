package org.neurite.engine.autograd;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The gradient arrays of one backward pass that their tensors no longer need, lent again to the
 * gradients computed after them in the same pass. An intermediate result drops its gradient once
 * its backward step has sent it on ({@link Autograd#backward}); an array that no input took over
 * is free, and the next gradient of the same size, further down the graph, is written into it
 * instead of a fresh array, which the JVM would zero first and the collector reclaim later. The
 * arrays are kept only while the pass runs, on its own thread: nothing carries over to the next
 * step, and a thread that is not running a pass (a helper of a parallel loop) always gets a fresh
 * array.
 */
public final class SpareGradients {

    private static final ThreadLocal<SpareGradients> CURRENT = new ThreadLocal<>();

    private final Map<Integer, ArrayDeque<float[]>> bySize = new HashMap<>();
    private Set<float[]> kept;

    private SpareGradients() {
    }

    /**
     * An array to be overwritten: a spare one of the pass running on this thread, else a fresh one.
     *
     * @param length the number of elements
     * @return an array of that length whose contents are meaningless (the caller writes every element)
     */
    public static float[] take(int length) {
        SpareGradients spares = CURRENT.get();
        if (spares != null) {
            ArrayDeque<float[]> free = spares.bySize.get(length);
            if (free != null && !free.isEmpty()) {
                return free.pop();
            }
        }
        return new float[length];
    }

    /**
     * Gives back an array that nothing reads or holds any more, for the rest of the pass running on
     * this thread; outside a pass it is left to the collector.
     *
     * @param array the array, which the caller must not use afterwards
     */
    public static void giveBack(float[] array) {
        SpareGradients spares = CURRENT.get();
        if (spares != null && (spares.kept == null || !spares.kept.contains(array))) {
            spares.bySize.computeIfAbsent(array.length, n -> new ArrayDeque<>()).push(array);
        }
    }

    /**
     * Keeps an array out of the spares for the rest of the pass running on this thread: the
     * gradient that a backward step shows to code that may hold on to it (a plugin's custom op).
     *
     * @param array the array
     */
    public static void keep(float[] array) {
        SpareGradients spares = CURRENT.get();
        if (spares != null) {
            if (spares.kept == null) {
                spares.kept = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            spares.kept.add(array);
        }
    }

    /** Starts lending on this thread; returns the spares of an enclosing pass, to restore by {@link #end}. */
    static SpareGradients begin() {
        SpareGradients outer = CURRENT.get();
        CURRENT.set(new SpareGradients());
        return outer;
    }

    /** Ends this thread's lending, back to the enclosing pass's spares ({@code null} for none). */
    static void end(SpareGradients outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
