package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.api.GradScope;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.Sequential;

class PackedWeightsTest {

    private static Sequential network() {
        return Sequential.builder(Shape.of(37)).seed(5)
                .add("dense", Map.of("units", 29, "activation", "relu"))
                .add("dense", Map.of("units", 17))
                .add("dense", Map.of("units", 3, "use_bias", false))
                .build();
    }

    private static float[] forward(Sequential network, float[] x, int rows, PackedWeights cache) {
        CpuBackend backend = CpuBackend.instance();
        try (GradScope ignored = backend.noGrad()) {
            if (cache == null) {
                return network.forward(backend.tensor(x, Shape.of(rows, 37)), Mode.INFERENCE).toArray();
            }
            try (PackedWeights.Scope scope = cache.open()) {
                return network.forward(backend.tensor(x, Shape.of(rows, 37)), Mode.INFERENCE).toArray();
            }
        }
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {1, 7, 8, 9, 61, 300})
    void denseLayersGiveTheSameBitsWithPackedWeights(int rows) {
        Sequential network = network();
        SplittableRandom random = new SplittableRandom(rows);
        float[] x = new float[rows * 37];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        PackedWeights cache = new PackedWeights();

        float[] plain = forward(network, x, rows, null);
        float[] packed = forward(network, x, rows, cache);
        float[] again = forward(network, x, rows, cache);

        assertThat(packed).containsExactly(plain);
        assertThat(again).containsExactly(plain);
    }

    @Test
    void aWeightIsPackedOnceAndOnlyWhileACacheIsOpen() {
        float[] w = new float[5 * 11];
        for (int i = 0; i < w.length; i++) {
            w[i] = i;
        }
        assertThat(PackedWeights.transposed(w, 5, 11, 100)).isNull();
        PackedWeights cache = new PackedWeights();
        Gemm.PackedB first;
        try (PackedWeights.Scope scope = cache.open()) {
            first = PackedWeights.transposed(w, 5, 11, 100);
            assertThat(first.k()).isEqualTo(11);
            assertThat(first.n()).isEqualTo(5);
            assertThat(PackedWeights.transposed(w, 5, 11, 9)).isSameAs(first);
            assertThat(PackedWeights.transposed(w, 5, 11, RowKernel.MAX_ROWS - 1)).isNull();
            assertThat(PackedWeights.transposed(w.clone(), 5, 11, 100)).isNotSameAs(first);
        }
        assertThat(PackedWeights.transposed(w, 5, 11, 100)).isNull();
    }

    @Test
    void theProductWithACachedWeightEqualsThePlainOne() {
        int m = 13;
        int n = 21;
        int k = 19;
        SplittableRandom random = new SplittableRandom(1);
        float[] a = new float[m * k];
        float[] w = new float[n * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-1, 1);
        }
        float[] plain = new float[m * n];
        Gemm.sgemm(false, true, m, n, k, 1f, a, 0, k, w, 0, k, 0f, plain, 0, n);
        float[] packed = new float[m * n];
        try (PackedWeights.Scope scope = new PackedWeights().open()) {
            Gemm.sgemm(false, m, 1f, a, 0, k, PackedWeights.transposed(w, n, k, m), 0f, packed, 0, n);
        }
        assertThat(packed).containsExactly(plain);
    }
}
