package org.neurite.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.neurite.api.Activation;
import org.neurite.api.Loss;
import org.neurite.api.Tensor;
import org.neurite.engine.check.GradientCheck;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Finite-difference gradient checks for anything built from tensors: a custom op, an
 * {@link Activation}, a {@link Loss}, or any function of several tensors. The analytic gradient
 * (what backward computes) must match central differences of a random weighting of the output,
 * element by element (relative error below the tolerance, or an absolute difference below the
 * floor). A mismatch fails with an {@link AssertionError} naming the input and the element.
 *
 * <pre>{@code
 * Gradients.of(new Mish(), 4, 5);
 * Gradients.create().tolerance(5e-2).check(args -> myOp(args.get(0), args.get(1)), a, b);
 * }</pre>
 *
 * Layers are checked by {@link LayerContract}, which also checks their parameters' gradients.
 */
public final class Gradients {

    private final GradientCheck check = GradientCheck.create();

    private Gradients() {
    }

    /** @return a checker with the defaults: step 1e-2, relative tolerance 2e-2, floor 1e-3, 200 elements per input */
    public static Gradients create() {
        return new Gradients();
    }

    /** @return this checker with another finite-difference step */
    public Gradients step(double step) {
        check.step(step);
        return this;
    }

    /** @return this checker with another relative tolerance */
    public Gradients tolerance(double relativeTolerance) {
        check.tolerance(relativeTolerance);
        return this;
    }

    /** @return this checker with another absolute floor */
    public Gradients floor(double absoluteFloor) {
        check.floor(absoluteFloor);
        return this;
    }

    /**
     * Checks the gradient of {@code f} with respect to every input.
     *
     * @param f a deterministic function of the inputs, in the order given
     * @param inputs the points to check at; copies of them are differentiated, so they stay unchanged
     */
    public void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        CpuTensor[] leaves = Arrays.stream(inputs).map(t -> CpuTensor.wrap(t.toArray(), t.shape()))
                .toArray(CpuTensor[]::new);
        check.check(args -> f.apply(List.copyOf(args)), leaves);
    }

    /**
     * @param activation the activation
     * @param dims the shape of a random input, uniform in [-1, 1)
     */
    public void check(Activation activation, int... dims) {
        check(args -> activation.apply(args.get(0)), Tensors.random(7, dims));
    }

    /**
     * Checks the gradient of a loss with respect to the prediction (targets carry no gradient).
     *
     * @param loss the loss
     * @param prediction a prediction
     * @param target its targets
     */
    public void check(Loss loss, Tensor prediction, Tensor target) {
        check(args -> loss.compute(args.get(0), target), prediction);
    }

    /** @return the engine's checker with these settings, for {@link LayerContract} */
    GradientCheck engineCheck() {
        return check;
    }

    /** {@link #check(Function, Tensor...)} with the default tolerances. */
    public static void of(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        create().check(f, inputs);
    }

    /** {@link #check(Activation, int...)} with the default tolerances. */
    public static void of(Activation activation, int... dims) {
        create().check(activation, dims);
    }

    /** {@link #check(Loss, Tensor, Tensor)} with the default tolerances. */
    public static void of(Loss loss, Tensor prediction, Tensor target) {
        create().check(loss, prediction, target);
    }
}
