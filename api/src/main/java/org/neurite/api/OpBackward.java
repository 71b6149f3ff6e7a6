package org.neurite.api;

/**
 * The backward step of a custom differentiable op (see {@link Backend#custom}): given the
 * gradient arriving at the op's output, it adds the gradient of each input that
 * {@link OpGradients#needs needs one}.
 *
 * <p>It runs once per backpropagation through the op, with gradient recording switched off, so
 * tensor operations inside it build no graph. What the forward computed (saved activations,
 * gate values) is simply captured by the lambda:
 * <pre>{@code
 * float[] xs = x.toArray(), s = new float[xs.length], y = new float[xs.length];
 * for (int i = 0; i < xs.length; i++) {                   // forward: silu(x) = x sigmoid(x)
 *     s[i] = (float) (1 / (1 + Math.exp(-xs[i])));
 *     y[i] = xs[i] * s[i];
 * }
 * return backend.custom("silu", y, x.shape(), g -> {      // backward, reusing s
 *     float[] dy = g.output();
 *     for (int i = 0; i < dy.length; i++) dy[i] *= s[i] * (1 + xs[i] * (1 - s[i]));
 *     g.add(0, dy);
 * }, x);
 * }</pre>
 */
@FunctionalInterface
public interface OpBackward {

    /**
     * @param gradients the output's gradient, and where the inputs' gradients go
     */
    void backward(OpGradients gradients);
}
