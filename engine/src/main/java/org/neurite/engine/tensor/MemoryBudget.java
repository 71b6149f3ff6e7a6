package org.neurite.engine.tensor;

import java.util.Locale;

import org.neurite.api.Shape;

/**
 * Checks a size taken from input (a config, a file header) against what the JVM can hold before
 * anything of that size is allocated, so that a wrong number is a clear error naming it, never an
 * {@link OutOfMemoryError} or an int that wrapped around.
 */
public final class MemoryBudget {

    /** The most elements one Java array holds (a few below {@code Integer.MAX_VALUE}, as the JDK allows). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private MemoryBudget() {
    }

    /**
     * @return the bytes the heap may grow to; what is in use now is not subtracted, as much of it
     *     may be garbage a collection would free
     */
    public static long heap() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Checks that one float array of a shape can be allocated.
     *
     * @param shape the shape
     * @param what what it is, such as {@code "weight [10, 200000000]"}
     * @return the number of elements, as an int
     * @throws MemoryLimitException if it has more elements than an array holds or needs more bytes than the whole heap
     */
    public static int floats(Shape shape, String what) {
        return floats(shape.size(), what);
    }

    /**
     * Checks that one float array can be allocated.
     *
     * @param elements the number of elements
     * @param what what it is, for the message
     * @return {@code elements} as an int
     * @throws MemoryLimitException if it has more elements than an array holds or needs more bytes than the whole heap
     */
    public static int floats(long elements, String what) {
        if (elements < 0 || elements > MAX_ARRAY) {
            throw new MemoryLimitException(what + " has " + elements + " elements, more than one array holds ("
                    + MAX_ARRAY + ")");
        }
        requireBytes(elements * Float.BYTES, what);
        return (int) elements;
    }

    /**
     * @param bytes the bytes something needs
     * @param what what it is, for the message
     * @throws MemoryLimitException if the whole heap is smaller
     */
    public static void requireBytes(long bytes, String what) {
        if (bytes < 0 || bytes > heap()) {
            throw new MemoryLimitException(what + " needs " + (bytes < 0 ? "more than " + bytes(Long.MAX_VALUE)
                    : bytes(bytes)) + ", more than the whole heap (" + bytes(heap())
                    + "; raise it with JAVA_OPTS=-Xmx...)");
        }
    }

    /**
     * @param bytes a number of bytes
     * @return it in the largest unit that keeps it above 1, such as {@code 1.5 GiB}
     */
    public static String bytes(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
