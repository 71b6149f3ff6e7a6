package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * SwiGLU as a plugin would write it, against the api alone: {@code silu(a) * b} for {@code x = [a | b]}
 * halved along the last axis, one fused op with its own backward (the example of the plugin
 * author's guide in the README).
 *
 * <p>Shape: {@code [..., 2h] -> [..., h]}.
 */
final class SwiGlu {

    private SwiGlu() {
    }

    static Tensor apply(Tensor x) {
        int n = x.dim(-1);
        if (n % 2 != 0) {
            throw new ShapeMismatchException("swiglu: the last axis of " + x.shape() + " must have an even length");
        }
        int h = n / 2;
        int rows = n == 0 ? 0 : x.shape().intSize() / n;
        float[] in = x.toArray();
        float[] sig = new float[rows * h];
        float[] y = new float[rows * h];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < h; j++) {
                int k = r * h + j;
                float a = in[r * n + j];
                sig[k] = (float) (1 / (1 + Math.exp(-a)));
                y[k] = a * sig[k] * in[r * n + h + j];
            }
        }
        int[] dims = x.shape().dims();
        dims[dims.length - 1] = h;
        return x.backend().custom("swiglu", y, Shape.of(dims), g -> {
            float[] dy = g.output();
            float[] dx = new float[in.length];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < h; j++) {
                    int k = r * h + j;
                    float a = in[r * n + j];
                    float s = sig[k];
                    dx[r * n + j] = dy[k] * in[r * n + h + j] * s * (1 + a * (1 - s)); // d silu(a) / da, times b
                    dx[r * n + h + j] = dy[k] * a * s;                               // silu(a)
                }
            }
            g.add(0, dx);
        }, x);
    }
}
