package org.neurite.engine;

import java.util.List;
import java.util.function.Function;

import org.neurite.api.Tensor;
import org.neurite.engine.check.GradientCheck;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The engine tests' name for {@link GradientCheck}, which does the work (in main code, so that
 * the plugins' test kit shares it).
 */
public final class GradCheck {

    private final GradientCheck check = GradientCheck.create();

    private GradCheck() {
    }

    /** @return a checker with defaults suited to float32 ops of moderate curvature */
    public static GradCheck create() {
        return new GradCheck();
    }

    /** @return this checker with another finite-difference step */
    public GradCheck step(double step) {
        check.step(step);
        return this;
    }

    /** @return this checker with another relative tolerance */
    public GradCheck tolerance(double relativeTolerance) {
        check.tolerance(relativeTolerance);
        return this;
    }

    /** @return this checker with another absolute floor */
    public GradCheck floor(double absoluteFloor) {
        check.floor(absoluteFloor);
        return this;
    }

    /** @return this checker checking at most {@code n} elements of each input */
    public GradCheck sample(int n) {
        check.sample(n);
        return this;
    }

    /**
     * Checks the gradients of {@code f} with respect to every input.
     *
     * @param f the function under test; must be deterministic
     * @param inputs leaf tensors; they are marked as requiring a gradient
     */
    public void check(Function<List<CpuTensor>, Tensor> f, CpuTensor... inputs) {
        check.check(f, inputs);
    }

    /**
     * @param seed the seed
     * @param shape the shape
     * @return a tensor of uniform values in [-1, 1)
     */
    public static CpuTensor random(long seed, int... shape) {
        return GradientCheck.random(seed, shape);
    }
}
