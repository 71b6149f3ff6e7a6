package org.neurite.engine.ops;

import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.engine.tensor.CpuTensor;

/** Inverted dropout: zero with probability p in training, scale the survivors by {@code 1 / (1 - p)}. */
public final class Dropout {

    private Dropout() {
    }

    /**
     * Applies dropout. Element {@code i} survives when the {@code i}-th draw of
     * {@code random.nextFloat()} is at least {@code p}, so the same seed gives the same mask.
     *
     * @param x the input
     * @param p the drop probability, in {@code [0, 1)}
     * @param mode training drops; inference returns {@code x} itself
     * @param random the source of the mask; not used in inference or when {@code p == 0}
     * @return the result
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1)}
     */
    public static CpuTensor apply(CpuTensor x, float p, Mode mode, RandomGenerator random) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout: probability p = " + p + " must be in [0, 1)");
        }
        if (mode == Mode.INFERENCE || p == 0f) {
            return x;
        }
        float keep = 1f / (1f - p);
        float[] xd = x.data();
        float[] scale = new float[xd.length];
        float[] out = new float[xd.length];
        for (int i = 0; i < xd.length; i++) {
            if (random.nextFloat() >= p) {
                scale[i] = keep;
                out[i] = xd[i] * keep;
            }
        }
        return CpuTensor.result("dropout", out, x.shape(), dy -> {
            float[] dx = new float[dy.length];
            for (int i = 0; i < dy.length; i++) {
                dx[i] = dy[i] * scale[i];
            }
            x.accumulateGrad(dx);
        }, x);
    }
}
