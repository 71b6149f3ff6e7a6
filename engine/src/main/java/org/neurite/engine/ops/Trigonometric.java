package org.neurite.engine.ops;

import org.neurite.engine.tensor.CpuTensor;

/** Sine and cosine, each the other's derivative (up to sign). */
public final class Trigonometric {

    private Trigonometric() {
    }

    /**
     * @param a the tensor
     * @return {@code sin(a)}, elementwise; the gradient is {@code cos(a)}
     */
    public static CpuTensor sin(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.sin(x[i]);
        }
        return CpuTensor.result("sin", y, a.shape(), g -> {
            for (int i = 0; i < g.length; i++) {
                g[i] *= (float) Math.cos(x[i]);
            }
            a.adoptGrad(g);
        }, a);
    }

    /**
     * @param a the tensor
     * @return {@code cos(a)}, elementwise; the gradient is {@code -sin(a)}
     */
    public static CpuTensor cos(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.cos(x[i]);
        }
        return CpuTensor.result("cos", y, a.shape(), g -> {
            for (int i = 0; i < g.length; i++) {
                g[i] *= (float) -Math.sin(x[i]);
            }
            a.adoptGrad(g);
        }, a);
    }
}
