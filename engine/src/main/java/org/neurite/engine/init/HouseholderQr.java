package org.neurite.engine.init;

/**
 * The orthonormal factor of a QR decomposition by Householder reflections, in double
 * precision, normalized so that R has a non-negative diagonal. That normalization makes the
 * factor unique, and is the sign correction PyTorch's orthogonal initialization applies.
 */
final class HouseholderQr {

    private HouseholderQr() {
    }

    /**
     * @param matrix an {@code m × n} matrix, row-major, with {@code m >= n}; overwritten
     * @param m its number of rows
     * @param n its number of columns
     * @return Q, {@code m × n} row-major with orthonormal columns, such that matrix = Q·R with
     *     R upper triangular and its diagonal non-negative
     */
    static double[] orthonormalFactor(double[] matrix, int m, int n) {
        if (m < n) {
            throw new IllegalArgumentException("QR here needs at least as many rows as columns, got " + m + " × " + n);
        }
        double[] a = matrix;
        double[][] reflectors = new double[n][];
        double[] diagonal = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += a[i * n + k] * a[i * n + k];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                continue;
            }
            // Reflect column k onto -sign(a_kk)·norm·e_k, the choice that avoids cancellation.
            double alpha = a[k * n + k] > 0 ? -norm : norm;
            double[] v = new double[m - k];
            for (int i = k; i < m; i++) {
                v[i - k] = a[i * n + k];
            }
            v[0] -= alpha;
            reflect(v, k, a, m, n, k);
            reflectors[k] = v;
            diagonal[k] = alpha;
        }
        // Q = H_0 · H_1 ··· H_{n-1} applied to the first n columns of the identity.
        double[] q = new double[m * n];
        for (int j = 0; j < n; j++) {
            q[j * n + j] = 1;
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] v = reflectors[k];
            if (v != null) {
                reflect(v, k, q, m, n, 0);
            }
        }
        for (int j = 0; j < n; j++) {
            if (diagonal[j] < 0) {
                for (int i = 0; i < m; i++) {
                    q[i * n + j] = -q[i * n + j];
                }
            }
        }
        return q;
    }

    /**
     * Applies the reflection {@code I - 2 v vᵀ / (vᵀ v)}, which acts on rows {@code k..m-1}, to
     * columns {@code fromColumn..n-1} of an {@code m × n} row-major matrix, in place.
     */
    private static void reflect(double[] v, int k, double[] matrix, int m, int n, int fromColumn) {
        double vv = 0;
        for (double x : v) {
            vv += x * x;
        }
        for (int j = fromColumn; j < n; j++) {
            double s = 0;
            for (int i = k; i < m; i++) {
                s += v[i - k] * matrix[i * n + j];
            }
            double f = 2 * s / vv;
            for (int i = k; i < m; i++) {
                matrix[i * n + j] -= f * v[i - k];
            }
        }
    }
}
