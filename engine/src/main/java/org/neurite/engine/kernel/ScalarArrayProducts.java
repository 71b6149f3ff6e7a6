package org.neurite.engine.kernel;

/** The plain-Java {@link CpuArrayKernels.Products}: one output at a time, sums in input order. */
final class ScalarArrayProducts implements CpuArrayKernels.Products {

    private static final int PANEL = 16;

    @Override
    public int panelWidth() {
        return PANEL;
    }

    @Override
    public void panels(float[] x, int xOff, int rows, int k, float[] packed, int n, int from, int to, float[] y,
                       int yOff) {
        for (int i = 0; i < rows; i++) {
            for (int j = from; j < to; j++) {
                int at = j / PANEL * PANEL * k + j % PANEL;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += x[xOff + i * k + p] * packed[at + p * PANEL];
                }
                y[yOff + i * n + j] = s;
            }
        }
    }

    @Override
    public void layerNorm(float[] x, int xOff, int rows, int n, float[] gamma, float[] beta, float epsilon, float[] y,
                          int yOff) {
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * n;
            int out = yOff + r * n;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x[in + i];
            }
            float mean = (float) (sum / n);
            double sq = 0;
            for (int i = 0; i < n; i++) {
                float d = x[in + i] - mean;
                sq += d * d;
            }
            float rs = (float) (1.0 / Math.sqrt(sq / n + epsilon));
            for (int i = 0; i < n; i++) {
                float h = (x[in + i] - mean) * rs;
                y[out + i] = (gamma == null ? h : h * gamma[i]) + (beta == null ? 0f : beta[i]);
            }
        }
    }

    @Override
    public void dots(float[] x, int xOff, int k, float[] m, int mOff, int ldm, int n, float[] y, int yOff) {
        for (int j = 0; j < n; j++) {
            int row = mOff + j * ldm;
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s += x[xOff + p] * m[row + p];
            }
            y[yOff + j] = s;
        }
    }

    @Override
    public void weightedSum(float[] a, int aOff, int n, float[] m, int mOff, int ldm, int k, float[] y, int yOff) {
        for (int p = 0; p < k; p++) {
            y[yOff + p] = 0f;
        }
        for (int j = 0; j < n; j++) {
            float aj = a[aOff + j];
            int row = mOff + j * ldm;
            for (int p = 0; p < k; p++) {
                y[yOff + p] += aj * m[row + p];
            }
        }
    }

    @Override
    public void softmax(float[] s, int from, int n, float scale) {
        int end = from + n;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = from; j < end; j++) {
            s[j] *= scale;
            max = Math.max(max, s[j]);
        }
        float sum = 0f;
        for (int j = from; j < end; j++) {
            s[j] = (float) Math.exp(s[j] - max);
            sum += s[j];
        }
        float inv = 1f / sum;
        for (int j = from; j < end; j++) {
            s[j] *= inv;
        }
    }
}
