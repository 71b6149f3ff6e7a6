package org.neurite.testkit;

import org.neurite.api.Backend;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.check.GradientCheck;

/**
 * Tensors for a plugin's tests, on the engine's CPU backend: the same backend a run uses, so a
 * component tested here computes exactly what it computes in {@code neurite train}.
 */
public final class Tensors {

    private Tensors() {
    }

    /** @return the engine's CPU backend, for code that needs a {@link Backend} */
    public static Backend backend() {
        return CpuBackend.instance();
    }

    /**
     * @param values the elements, row-major
     * @param dims the shape
     * @return a tensor holding a copy of the values, not requiring a gradient
     */
    public static Tensor of(float[] values, int... dims) {
        return backend().tensor(values, Shape.of(dims));
    }

    /**
     * @param seed the seed; the same seed gives the same values
     * @param dims the shape
     * @return a tensor of uniform values in [-1, 1), not requiring a gradient
     */
    public static Tensor random(long seed, int... dims) {
        return GradientCheck.random(seed, dims);
    }

    /**
     * @param seed the seed
     * @param low the smallest value
     * @param high the bound the values stay below
     * @param dims the shape
     * @return a tensor of uniform values in [low, high), for inputs that must stay in a domain (log, sqrt)
     */
    public static Tensor uniform(long seed, float low, float high, int... dims) {
        float[] v = GradientCheck.random(seed, dims).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = low + (v[i] + 1) / 2 * (high - low);
        }
        return of(v, dims);
    }
}
