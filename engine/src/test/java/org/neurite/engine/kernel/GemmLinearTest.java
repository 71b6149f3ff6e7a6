package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Gemm#linear}: the bias and the ReLU applied as the kernel stores C give the bits of the
 * packed product followed by the same bias and ReLU in passes of their own, on both kernels, for
 * ragged edges, whole tiles, depths of one block and of two (k > 1024), and products split over
 * threads; nothing outside C changes.
 */
class GemmLinearTest {

    private static List<BlockedGemm> kernels() {
        List<BlockedGemm> gemms = new ArrayList<>(List.of(KernelChoice.scalarGemm()));
        if (KernelChoice.vectorModulePresent()) {
            gemms.add(KernelChoice.vectorGemm());
        }
        return gemms;
    }

    @ParameterizedTest(name = "transA={0} {1}x{2}x{3} relu={4}")
    @CsvSource({
        "false, 9, 21, 37, true", "true, 13, 10, 128, true", "false, 8, 48, 5, false", "true, 61, 100, 1100, true",
        "false, 100, 256, 784, true", "false, 203, 50, 777, false",
    })
    void biasAndReluInTheStoreGiveTheBitsOfSeparatePasses(boolean transA, int m, int n, int k, boolean relu) {
        SplittableRandom random = new SplittableRandom(m * 31L + k);
        float[] bias = new float[n];
        for (int j = 0; j < n; j++) {
            bias[j] = (float) random.nextDouble(-1, 1);
        }
        for (BlockedGemm gemm : kernels()) {
            String label = gemm.kernel().description();
            GemmCase g = new GemmCase(transA, true, m, n, k, 1f, 0f, 3, k);
            float[] expected = g.runPacked(gemm);
            g.check(expected, label);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int at = g.cOff + i * g.ldc + j;
                    float v = expected[at] + bias[j];
                    expected[at] = relu ? Math.max(v, 0f) : v;
                }
            }
            float[] actual = g.freshC();
            Gemm.PackedB packed = gemm.pack(true, k, n, g.b, g.bOff, g.ldb);
            Gemm.linear(transA, m, g.a, g.aOff, g.lda, packed, bias, relu, actual, g.cOff, g.ldc);
            assertThat(actual).as(label).containsExactly(expected);
        }
    }

    @Test
    void withoutBiasOrReluItIsThePackedProduct() {
        GemmCase g = new GemmCase(false, true, 17, 19, 23, 1f, 0f, 2, 5);
        float[] actual = g.freshC();
        Gemm.PackedB packed = Gemm.pack(true, 23, 19, g.b, g.bOff, g.ldb);
        Gemm.linear(false, 17, g.a, g.aOff, g.lda, packed, null, false, actual, g.cOff, g.ldc);
        assertThat(actual).containsExactly(g.runPacked(KernelChoice.selected()));
    }

    @Test
    void aShortBiasIsNamed() {
        Gemm.PackedB packed = Gemm.pack(false, 3, 4, new float[12], 0, 4);
        assertThatThrownBy(() -> Gemm.linear(false, 2, new float[6], 0, 3, packed, new float[3], true, new float[8], 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the bias has 3 values for 4 columns");
    }
}
