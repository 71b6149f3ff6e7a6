package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {

    /**
     * m, n, k: ragged edges and whole tiles (24 x 96 is 3 x 2 tiles of 8 x 48), k-blocking
     * (k > 384), row blocking (m > 192), column blocking (n > 2048); 203 x 50 x 777 has ragged
     * edges, k-blocking and row blocking at once: a last strip of A (3 rows, packed) after
     * whole strips read in place, in every block of depth. Widths 64 and 128 run the 6 x 64
     * kernel ({@link KernelChoice#forColumns}); 290 x 64 x 1960 is a convolution's weight gradient
     * with a ragged last strip of rows.
     */
    private static final int[][] SIZES = {
        {1, 1, 1}, {7, 7, 7}, {1, 33, 7}, {33, 1, 257}, {7, 257, 33}, {257, 33, 1},
        {33, 33, 33}, {24, 96, 40}, {16, 32, 400}, {200, 70, 9}, {3, 2100, 5}, {2, 65, 128}, {4, 40, 71},
        {203, 50, 777}, {24, 64, 40}, {203, 128, 777}, {7, 64, 9}, {290, 64, 1960},
    };

    static Stream<Arguments> transposesAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (int[] s : SIZES) {
                    cases.add(Arguments.of(transA, transB, s[0], s[1], s[2]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("transposesAndSizes")
    void matchesDoublePrecisionReferenceWithOffsetsAndStrides(boolean transA, boolean transB, int m, int n, int k) {
        GemmCase plain = new GemmCase(transA, transB, m, n, k, 1f, 0f, 3, 11);
        plain.check(plain.runPublic(), "alpha 1, beta 0");
        GemmCase scaled = new GemmCase(transA, transB, m, n, k, -0.75f, 1.5f, 5, 12);
        scaled.check(scaled.runPublic(), "alpha -0.75, beta 1.5");
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("transposesAndSizes")
    void vectorAndPlainKernelsAgree(boolean transA, boolean transB, int m, int n, int k) {
        GemmCase gemmCase = new GemmCase(transA, transB, m, n, k, 2f, 1f, 1, 13);
        float[] plain = gemmCase.runOn(KernelChoice.scalarGemm());
        gemmCase.check(plain, "plain-Java kernel");
        if (KernelChoice.vectorModulePresent()) {
            float[] vector = gemmCase.runOn(KernelChoice.vectorGemm());
            gemmCase.check(vector, "Vector API kernel");
            for (int x = 0; x < plain.length; x++) {
                assertThat(vector[x]).as("element %d", x).isCloseTo(plain[x],
                        org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(plain[x]))));
            }
        }
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("transposesAndSizes")
    void packedBGivesTheSameProduct(boolean transA, boolean transB, int m, int n, int k) {
        GemmCase gemmCase = new GemmCase(transA, transB, m, n, k, -0.75f, 1.5f, 2, 15);
        gemmCase.check(gemmCase.runPacked(KernelChoice.selected()), "packed B, selected kernel");
        gemmCase.check(gemmCase.runPacked(KernelChoice.scalarGemm()), "packed B, plain-Java kernel");
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("transposesAndSizes")
    void wideKernelGivesTheSelectedKernelsBits(boolean transA, boolean transB, int m, int n, int k) {
        GemmCase gemmCase = new GemmCase(transA, transB, m, n, k, -0.75f, 1.5f, 2, 17);
        assertThat(gemmCase.runOn(KernelChoice.forColumns(n))).containsExactly(gemmCase.runOn(KernelChoice.selected()));
    }

    @Test
    void widthsOfWholeFourVectorStripsButNotThreeTakeTheWideKernel() {
        assertThat(KernelChoice.forColumns(64).kernel()).isInstanceOf(VectorWideMicroKernel.class);
        assertThat(KernelChoice.forColumns(128).kernel()).isInstanceOf(VectorWideMicroKernel.class);
        assertThat(KernelChoice.forColumns(192)).isSameAs(KernelChoice.selected());
        assertThat(KernelChoice.forColumns(50)).isSameAs(KernelChoice.selected());
    }

    @Test
    void packedBSplitsLargeProductsOverThreads() {
        GemmCase gemmCase = new GemmCase(false, true, 257, 129, 65, 1f, 0.5f, 2, 16);
        gemmCase.check(gemmCase.runPacked(KernelChoice.selected()), "packed B, parallel");
    }

    /** Rows below the row kernels' limit, with ragged vector edges in n and k (k = 784 as the MLP's). */
    static Stream<Arguments> fewRows() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (int[] s : new int[][] {{1, 1, 1}, {1, 256, 784}, {3, 10, 128}, {7, 67, 33}, {2, 5, 17}}) {
                    cases.add(Arguments.of(transA, transB, s[0], s[1], s[2]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}")
    @MethodSource("fewRows")
    void rowKernelsMatchTheReferenceAndGiveARowTheSameBitsInAnyBatch(boolean transA, boolean transB, int m, int n,
                                                                     int k) {
        List<RowKernel> kernels = new ArrayList<>(List.of(new ScalarRowKernel()));
        if (KernelChoice.vectorModulePresent()) {
            kernels.add(new VectorRowKernel());
        }
        for (RowKernel kernel : kernels) {
            String name = kernel.getClass().getSimpleName();
            GemmCase plain = new GemmCase(transA, transB, m, n, k, 1f, 0f, 3, 21);
            plain.check(plain.runOn(kernel), name + ", alpha 1, beta 0");
            GemmCase scaled = new GemmCase(transA, transB, m, n, k, -0.75f, 1.5f, 2, 22);
            scaled.check(scaled.runOn(kernel), name + ", alpha -0.75, beta 1.5");
        }
        assertThat(KernelChoice.rows()).isInstanceOf(VectorRowKernel.class);
        if (!transA && m > 1) {
            // the last row alone, as a batch of one
            GemmCase all = new GemmCase(false, transB, m, n, k, 1f, 0f, 0, 23);
            float[] together = all.runPublic();
            float[] alone = new float[n];
            Gemm.sgemm(false, transB, 1, n, k, 1f, all.a, all.aOff + (m - 1) * all.lda, all.lda, all.b, all.bOff,
                    all.ldb, 0f, alone, 0, n);
            assertThat(Arrays.copyOfRange(together, all.cOff + (m - 1) * all.ldc, all.cOff + (m - 1) * all.ldc + n))
                    .containsExactly(alone);
        }
    }

    @Test
    void testsRunWithTheVectorKernel() {
        // Surefire starts the JVM with --add-modules jdk.incubator.vector.
        assertThat(KernelChoice.vectorModulePresent()).isTrue();
        assertThat(KernelChoice.selected().kernel().description()).startsWith("Vector API");
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void largeProductsSplitOverThreadsStayExact(boolean transA, boolean transB) {
        // 257 * 129 * 65 multiply-adds is above the parallel threshold; odd sizes give ragged parts.
        assertThat(257L * 129 * 65).isGreaterThan(BlockedGemm.PARALLEL_MIN_WORK);
        GemmCase gemmCase = new GemmCase(transA, transB, 257, 129, 65, 1f, 0.5f, 2, 14);
        gemmCase.check(gemmCase.runPublic(), "parallel");
    }

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true),
                Arguments.of(true, false), Arguments.of(true, true));
    }

    @Test
    void knownSmallProduct() {
        // [[1,2,3],[4,5,6]] x [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(58f, 64f, 139f, 154f);
        // transposed storage of the same matrices gives the same product
        float[] at = {1, 4, 2, 5, 3, 6};
        float[] bt = {7, 9, 11, 8, 10, 12};
        Gemm.sgemm(true, true, 2, 2, 3, 0.5f, at, 0, 2, bt, 0, 3, 1f, c, 0, 2);
        assertThat(c).containsExactly(87f, 96f, 208.5f, 231f);
    }

    @Test
    void betaZeroOverwritesNaN() {
        GemmCase gemmCase = new GemmCase(false, true, 9, 35, 4, 1f, 0f, 0, 15);
        float[] c = gemmCase.freshC();
        Arrays.fill(c, Float.NaN);
        Gemm.sgemm(false, true, 9, 35, 4, 1f, gemmCase.a, 0, gemmCase.lda, gemmCase.b, 0, gemmCase.ldb, 0f, c, 0, 35);
        for (int x = 0; x < 9 * 35; x++) {
            assertThat(c[x]).as("C element %d", x).isFinite();
        }
        assertThat(c[0]).isCloseTo(dot(gemmCase, 0, 0), org.assertj.core.data.Offset.offset(1e-5f));
    }

    private static float dot(GemmCase g, int i, int j) {
        double s = 0;
        for (int p = 0; p < g.k; p++) {
            s += (double) g.opA(i, p) * g.opB(p, j);
        }
        return (float) s;
    }

    @Test
    void emptyDepthOrZeroAlphaOnlyScalesC() {
        float[] c = {1f, Float.NaN, 3f, 4f};
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(0f, 0f, 0f, 0f);

        float[] d = {1f, 2f, 3f, 4f};
        float[] nanA = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Gemm.sgemm(false, false, 2, 2, 2, 0f, nanA, 0, 2, nanA, 0, 2, 2f, d, 0, 2);
        assertThat(d).containsExactly(2f, 4f, 6f, 8f);

        float[] e = {1f, 2f, 3f, 4f};
        Gemm.sgemm(false, false, 2, 2, 0, 1f, null, 0, 0, null, 0, 0, 1f, e, 0, 2);
        assertThat(e).containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void emptyOutputTouchesNothing() {
        float[] c = {5f};
        Gemm.sgemm(false, false, 0, 1, 3, 1f, new float[0], 0, 3, new float[3], 0, 1, 0f, c, 0, 1);
        assertThat(c).containsExactly(5f);
    }

    @Test
    void repeatedCallsOfChangingSizeReuseBuffersCorrectly() {
        for (int[] s : new int[][] {{300, 300, 300}, {5, 6, 7}, {64, 96, 513}, {5, 6, 7}}) {
            GemmCase gemmCase = new GemmCase(false, false, s[0], s[1], s[2], 1f, 1f, 0, s[2]);
            gemmCase.check(gemmCase.runPublic(), "size " + Arrays.toString(s));
        }
    }

    @Test
    void badArgumentsNameWhatIsWrong() {
        float[] x = new float[12];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 4, 4, 1f, x, 0, 3, x, 0, 4, 0f, x, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A (3 x 4 as stored").hasMessageContaining("stride 3");
        assertThatThrownBy(() -> Gemm.sgemm(false, true, 3, 4, 4, 1f, x, 0, 4, x, 2, 4, 0f, x, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("B (4 x 4 as stored, transB=true").hasMessageContaining("needs 18 floats but the array has 12");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 4, 4, 1f, x, 0, 4, new float[16], 0, 4, 0f, x, 1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C (3 x 4").hasMessageContaining("needs 13");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 1, 1, 1, 1f, null, 0, 1, x, 0, 1, 0f, x, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A (1 x 1").hasMessageContaining("null");
    }
}
