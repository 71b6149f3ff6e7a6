package org.neurite.engine.nn;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The affine map of a dense layer, {@code y = x Wᵀ + b} over the last axis of an input of any
 * rank, as one differentiable operation. Fusing it avoids copying the transposed weight on every
 * pass: the forward is one GEMM reading W transposed in place (onto rows pre-filled with the
 * bias), and the backward two GEMMs plus a column sum, skipping the input's gradient when no
 * gradient flows there (as for a model's first layer).
 */
final class Linear {

    private Linear() {
    }

    /**
     * @param x the input, {@code [..., in]}
     * @param weight {@code [out, in]}
     * @param bias {@code [out]}, or {@code null}
     * @return {@code [..., out]}
     * @throws ShapeMismatchException if the input's last axis is not {@code in}
     */
    static CpuTensor apply(CpuTensor x, CpuTensor weight, CpuTensor bias) {
        int out = weight.shape().dim(0);
        int in = weight.shape().dim(1);
        Shape xs = x.shape();
        if (xs.rank() < 1 || xs.dim(-1) != in) {
            throw new ShapeMismatchException("dense: expects inputs whose last axis is " + in + ", got " + xs);
        }
        int rows = x.size() / in;
        float[] y = new float[rows * out];
        float beta = 0f;
        if (bias != null) {
            float[] b = bias.data();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(b, 0, y, r * out, out);
            }
            beta = 1f;
        }
        Gemm.sgemm(false, true, rows, out, in, 1f, x.data(), 0, in, weight.data(), 0, in, beta, y, 0, out);
        int[] dims = xs.dims();
        dims[dims.length - 1] = out;
        return CpuTensor.result("dense", y, Shape.of(dims),
                g -> backward(g, x, weight, bias, rows, in, out), x, weight, bias);
    }

    private static void backward(float[] g, CpuTensor x, CpuTensor weight, CpuTensor bias, int rows, int in, int out) {
        if (x.requiresGrad()) {
            float[] dx = new float[rows * in];
            Gemm.sgemm(false, false, rows, in, out, 1f, g, 0, out, weight.data(), 0, in, 0f, dx, 0, in);
            x.accumulateGrad(dx);
        }
        if (weight.requiresGrad()) {
            float[] dw = new float[out * in];
            Gemm.sgemm(true, false, out, in, rows, 1f, g, 0, out, x.data(), 0, in, 0f, dw, 0, in);
            weight.accumulateGrad(dw);
        }
        if (bias != null && bias.requiresGrad()) {
            float[] db = new float[out];
            for (int r = 0; r < rows; r++) {
                int o = r * out;
                for (int j = 0; j < out; j++) {
                    db[j] += g[o + j];
                }
            }
            bias.accumulateGrad(db);
        }
    }
}
