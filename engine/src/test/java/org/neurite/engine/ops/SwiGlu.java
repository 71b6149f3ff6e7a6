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

    static Tensor apply(Tensor x) {                         // [..., 2h] -> [..., h]
        if (x.dim(-1) % 2 != 0) {
            throw new ShapeMismatchException("swiglu: the last axis of " + x.shape() + " must have an even length");
        }
        int n = x.dim(-1), h = n / 2, rows = n == 0 ? 0 : x.shape().intSize() / n;
        float[] in = x.toArray(), sig = new float[rows * h], y = new float[rows * h];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < h; j++) {
                float a = in[r * n + j];
                sig[r * h + j] = (float) (1 / (1 + Math.exp(-a)));
                y[r * h + j] = a * sig[r * h + j] * in[r * n + h + j];
            }
        }
        int[] dims = x.shape().dims();
        dims[dims.length - 1] = h;
        return x.backend().custom("swiglu", y, Shape.of(dims), g -> {   // the backward
            float[] dy = g.output(), dx = new float[in.length];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < h; j++) {
                    int k = r * h + j;
                    float a = in[r * n + j], b = in[r * n + h + j], s = sig[k];
                    dx[r * n + j] = dy[k] * b * s * (1 + a * (1 - s));      // d/da
                    dx[r * n + h + j] = dy[k] * a * s;                      // d/db
                }
            }
            g.add(0, dx);
        }, x);
    }
}
