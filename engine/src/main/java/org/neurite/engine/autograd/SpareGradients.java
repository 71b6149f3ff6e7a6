package org.neurite.engine.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gradient arrays that their tensors no longer need, lent again to later gradients of the same
 * size instead of fresh arrays, which the JVM would zero first on the calling thread and the
 * collector copy while they live. An intermediate result drops its gradient once its backward step
 * has sent it on ({@link Autograd#backward}); an array that no input took over is free, and the
 * next gradient of its size, further down the graph, is written into it.
 *
 * <p>The large spares a pass has left at its end (at least {@link #MIN_CARRIED_FLOATS} floats, at
 * most {@link #MAX_CARRIED_FLOATS} in all) are carried to the same thread's next pass: a
 * convolution's gradients have sizes no earlier step of the same pass frees, but the previous
 * training step freed them all. Everything stays on the thread that runs the pass: a thread that
 * is not running one (a helper of a parallel loop) always gets a fresh array.
 */
public final class SpareGradients {

    /** Arrays below this many floats (16 KiB) cost the allocator little: not carried between passes. */
    static final int MIN_CARRIED_FLOATS = 1 << 12;
    /** At most this many floats (64 MiB) carried per thread from one pass to its next. */
    static final long MAX_CARRIED_FLOATS = 1L << 24;

    private static final ThreadLocal<SpareGradients> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<SpareGradients> CARRIED = new ThreadLocal<>();

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
     * Gives back an array that nothing reads or holds any more: lent again in the rest of the pass
     * running on this thread, or, outside a pass, carried to this thread's next one if it is large.
     *
     * @param array the array, which the caller must not use afterwards
     */
    public static void giveBack(float[] array) {
        SpareGradients spares = CURRENT.get();
        if (spares == null) {
            if (array.length >= MIN_CARRIED_FLOATS) {
                SpareGradients carried = carried();
                carried.add(array);
                carried.trimForCarrying();
            }
        } else if (spares.kept == null || !spares.kept.contains(array)) {
            spares.add(array);
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

    /** Lets go of the spares this thread carries between passes (a thread done with training). */
    public static void releaseThisThread() {
        CARRIED.remove();
    }

    /** Starts lending on this thread; returns the spares of an enclosing pass, to restore by {@link #end}. */
    static SpareGradients begin() {
        SpareGradients outer = CURRENT.get();
        SpareGradients carried = outer == null ? CARRIED.get() : null;
        CARRIED.remove();
        CURRENT.set(carried != null ? carried : new SpareGradients());
        return outer;
    }

    /**
     * Ends this thread's lending, back to the enclosing pass's spares ({@code null} for none); the
     * spares of an outermost pass are carried to the thread's next one, those of a pass run inside
     * another are left to the collector.
     */
    static void end(SpareGradients outer) {
        SpareGradients pass = CURRENT.get();
        if (outer == null) {
            CURRENT.remove();
            pass.kept = null;
            pass.trimForCarrying();
            CARRIED.set(pass);
        } else {
            CURRENT.set(outer);
        }
    }

    /** @return how many arrays this thread carries to its next pass (for tests) */
    static int carriedOnThisThread() {
        SpareGradients carried = CARRIED.get();
        return carried == null ? 0 : carried.bySize.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private static SpareGradients carried() {
        SpareGradients carried = CARRIED.get();
        if (carried == null) {
            carried = new SpareGradients();
            CARRIED.set(carried);
        }
        return carried;
    }

    private void add(float[] array) {
        bySize.computeIfAbsent(array.length, n -> new ArrayDeque<>()).push(array);
    }

    /** Keeps the large arrays only, the largest first, up to {@link #MAX_CARRIED_FLOATS} in all, in their order. */
    private void trimForCarrying() {
        List<float[]> all = new ArrayList<>();
        bySize.values().forEach(all::addAll);
        all.sort(Comparator.comparingInt((float[] a) -> a.length).reversed());
        bySize.clear();
        long floats = 0;
        for (float[] a : all) {
            if (a.length >= MIN_CARRIED_FLOATS && floats + a.length <= MAX_CARRIED_FLOATS) {
                floats += a.length;
                bySize.computeIfAbsent(a.length, n -> new ArrayDeque<>()).addLast(a);
            }
        }
    }
}
