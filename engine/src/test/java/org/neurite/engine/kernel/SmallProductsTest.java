package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link SmallProducts}, vector and plain: {@code C = alpha op(A) op(B) + beta C} against a
 * product in double, for every pair of transpositions, whole and partial vectors of columns and
 * groups of rows, strides wider than the matrices and offsets; elements of C outside the product
 * keep their values.
 */
class SmallProductsTest {

    private static List<SmallProducts.Products> implementations() {
        List<SmallProducts.Products> products = new ArrayList<>(List.of(new SmallProducts.Plain()));
        if (KernelChoice.vectorModulePresent()) {
            products.add(new VectorSmallProducts());
        }
        return products;
    }

    @Test
    void multipliesLikeTheDefinition() {
        SplittableRandom random = new SplittableRandom(7);
        int[] sizes = {1, 3, 4, 5, 16, 17, 33};
        for (SmallProducts.Products products : implementations()) {
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : new int[] {1, 7, 16}) {
                        for (int flags = 0; flags < 4; flags++) {
                            check(products, random, flags / 2 == 1, flags % 2 == 1, m, n, k,
                                    flags == 1 ? 0.25f : 1f, new float[] {0f, 1f, 0.5f}[(m + n + flags) % 3]);
                        }
                    }
                }
            }
        }
    }

    private static void check(SmallProducts.Products products, SplittableRandom random, boolean transA,
                              boolean transB, int m, int n, int k, float alpha, float beta) {
        int lda = (transA ? m : k) + 2;
        int ldb = (transB ? k : n) + 3;
        int ldc = n + 1;
        float[] a = values(random, 5 + (transA ? k : m) * lda);
        float[] b = values(random, 2 + (transB ? n : k) * ldb);
        float[] c = values(random, 4 + m * ldc);
        float[] before = c.clone();
        products.multiply(transA, transB, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c, 4, ldc);
        for (int at = 0; at < c.length; at++) {
            int i = (at - 4) / ldc;
            int j = (at - 4) % ldc;
            if (at < 4 || j >= n) {
                assertThat(c[at]).as("outside the product, element %d", at).isEqualTo(before[at]);
                continue;
            }
            double s = 0;
            for (int p = 0; p < k; p++) {
                double x = transA ? a[5 + p * lda + i] : a[5 + i * lda + p];
                double y = transB ? b[2 + j * ldb + p] : b[2 + p * ldb + j];
                s += x * y;
            }
            double expected = alpha * s + (beta == 0f ? 0 : beta * before[at]);
            assertThat((double) c[at]).as("%s %s%s %dx%dx%d C[%d, %d]", products.getClass().getSimpleName(),
                    transA ? "T" : "N", transB ? "T" : "N", m, n, k, i, j).isCloseTo(expected, within(1e-5));
        }
    }

    private static float[] values(SplittableRandom random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }
}
