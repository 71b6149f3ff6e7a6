package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchCase;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The convolution family beyond plain {@code conv2d}: dilation, groups, asymmetric and "same"
 * padding, {@code conv1d}, {@code conv_transpose2d}, nearest and bilinear resizing, adaptive
 * pooling. Outputs and gradients against torch 1.13 (fixtures made by
 * {@code src/test/resources/torch/conv/make_fixtures.py}), gradients against finite differences.
 */
class ConvFamilyTest {

    private static final Map<String, TorchCase> TORCH = TorchCase.load("/torch/conv/conv-family.json");

    @Test
    void conv2dMatchesTorchWithDilationGroupsAndPaddingOnEachSide() {
        for (String name : new String[] {"conv2d_dilated_grouped", "conv2d_depthwise", "conv2d_same"}) {
            assertConv2dMatches(name, true);
        }
        assertConv2dMatches("conv2d_asymmetric", false);
    }

    @Test
    void threeByThreeConvolutionsOfStrideOneMatchTorch() {
        for (String name : new String[] {"conv2d_3x3_same_odd", "conv2d_3x3_one_sided", "conv2d_3x3_many_tiles"}) {
            assertConv2dMatches(name, true);
        }
        assertConv2dMatches("conv2d_3x3_valid", false);
    }

    /** A conv2d case's output and gradients against PyTorch's; a case without a bias has one group. */
    private static void assertConv2dMatches(String name, boolean withBias) {
        TorchCase c = TORCH.get(name);
        CpuTensor x = c.input("x");
        CpuTensor w = c.input("w");
        if (withBias) {
            CpuTensor b = c.input("b");
            c.assertMatches(Conv2d.forward(x, w, b, c.ints("stride"), c.ints("padding"), c.ints("dilation"),
                    c.arg("groups")), Map.of("x", x, "w", w, "b", b));
        } else {
            c.assertMatches(Conv2d.forward(x, w, null, c.ints("stride"), c.ints("padding"), c.ints("dilation"), 1),
                    Map.of("x", x, "w", w));
        }
    }

    @Test
    void conv1dMatchesTorch() {
        TorchCase c = TORCH.get("conv1d");
        CpuTensor x = c.input("x");
        CpuTensor w = c.input("w");
        CpuTensor b = c.input("b");
        c.assertMatches(Conv1d.forward(x, w, b, c.arg("stride"), c.ints("padding"), c.arg("dilation"),
                c.arg("groups")), Map.of("x", x, "w", w, "b", b));
    }

    @Test
    void convTranspose2dMatchesTorch() {
        TorchCase c = TORCH.get("conv_transpose2d");
        CpuTensor x = c.input("x");
        CpuTensor w = c.input("w");
        CpuTensor b = c.input("b");
        c.assertMatches(ConvTranspose2d.forward(x, w, b, c.ints("stride"), c.ints("padding"),
                c.ints("output_padding"), c.ints("dilation"), c.arg("groups")), Map.of("x", x, "w", w, "b", b));
        TorchCase d = TORCH.get("conv_transpose2d_dilated");
        CpuTensor dx = d.input("x");
        CpuTensor dw = d.input("w");
        d.assertMatches(ConvTranspose2d.forward(dx, dw, null, d.ints("stride"), d.ints("padding"),
                d.ints("output_padding"), d.ints("dilation"), d.arg("groups")), Map.of("x", dx, "w", dw));
    }

    @Test
    void upsamplingMatchesTorch() {
        assertEachMatches((x, c) -> Upsample.nearest(x, c.ints("size")), "upsample_nearest", "upsample_nearest_scale2");
        assertEachMatches((x, c) -> Upsample.bilinear(x, c.ints("size"), c.flag("align_corners")),
                "upsample_bilinear", "upsample_bilinear_aligned");
    }

    @Test
    void adaptivePoolingMatchesTorch() {
        assertEachMatches((x, c) -> AdaptivePooling.average(x, c.ints("size")), "adaptive_avg_pool2d",
                "global_avg_pool");
        assertEachMatches((x, c) -> AdaptivePooling.max(x, c.ints("size")), "adaptive_max_pool2d", "global_max_pool");
    }

    /** An op of one input {@code x} whose other arguments a case holds. */
    private interface OneInputOp {
        CpuTensor apply(CpuTensor x, TorchCase c);
    }

    /** Each case's output and gradient through {@code op} against PyTorch's. */
    private static void assertEachMatches(OneInputOp op, String... names) {
        for (String name : names) {
            TorchCase c = TORCH.get(name);
            CpuTensor x = c.input("x");
            c.assertMatches(op.apply(x, c), Map.of("x", x));
        }
    }

    @Test
    void gradientsPassFiniteDifferences() {
        CpuTensor x = GradCheck.random(1, 2, 4, 6, 5);
        GradCheck.create().check(in -> Conv2d.forward(in.get(0), in.get(1), in.get(2), new int[] {2, 1},
                new int[] {2, 0, 1, 2}, new int[] {2, 2}, 2), x, GradCheck.random(2, 6, 2, 2, 3),
                GradCheck.random(3, 6));
        GradCheck.create().check(in -> Conv1d.forward(in.get(0), in.get(1), in.get(2), 2, new int[] {1, 2}, 1, 1),
                GradCheck.random(4, 3, 2, 7), GradCheck.random(5, 3, 2, 3), GradCheck.random(6, 3));
        GradCheck.create().check(in -> ConvTranspose2d.forward(in.get(0), in.get(1), in.get(2), new int[] {2, 2},
                new int[] {1, 0}, new int[] {1, 0}, new int[] {1, 2}, 2), GradCheck.random(7, 2, 4, 3, 3),
                GradCheck.random(8, 4, 1, 3, 2), GradCheck.random(9, 2));
        GradCheck.create().check(in -> Upsample.bilinear(in.get(0), new int[] {5, 8}, false), x);
        GradCheck.create().check(in -> Upsample.bilinear(in.get(0), new int[] {4, 3}, true), x);
        GradCheck.create().check(in -> Upsample.nearest(in.get(0), new int[] {9, 7}), x);
        GradCheck.create().check(in -> AdaptivePooling.average(in.get(0), new int[] {4, 3}), x);
        // distinct values 0.05 apart, so that a finite-difference step never changes which one is the maximum
        float[] distinct = new float[2 * 4 * 6 * 5];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = (i * 37 % distinct.length) * 0.05f - 6f;
        }
        GradCheck.create().check(in -> AdaptivePooling.max(in.get(0), new int[] {2, 3}),
                CpuTensor.wrap(distinct, Shape.of(2, 4, 6, 5)));
    }

    @Test
    void theFastTwoByTwoMaxPoolAgreesWithAdaptivePoolingOverTheSameWindows() {
        CpuTensor x = GradCheck.random(21, 2, 3, 6, 8).requireGrad();
        x.data()[5] = Float.NaN;
        CpuTensor same = CpuTensor.wrap(x.data().clone(), x.shape()).requireGrad();
        CpuTensor fast = Pooling.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        CpuTensor adaptive = AdaptivePooling.max(same, new int[] {3, 4});
        assertThat(fast.toArray()).containsExactly(adaptive.toArray());
        CpuTensor dy = GradCheck.random(22, 2, 3, 3, 4);
        fast.backward(dy);
        adaptive.backward(dy);
        assertThat(x.gradArray()).containsExactly(same.gradArray());
    }

    @Test
    void depthwiseConvolutionIsOneKernelPerChannel() {
        CpuTensor x = GradCheck.random(11, 2, 3, 5, 5);
        CpuTensor w = GradCheck.random(12, 3, 1, 3, 3);
        CpuTensor y = Conv2d.forward(x, w, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 3);
        for (int c = 0; c < 3; c++) {
            CpuTensor xc = channel(x, c);
            CpuTensor wc = CpuTensor.wrap(java.util.Arrays.copyOfRange(w.data(), 9 * c, 9 * c + 9), Shape.of(1, 1, 3, 3));
            CpuTensor alone = Conv2d.forward(xc, wc, null, new int[] {1, 1}, new int[] {1, 1});
            assertThat(channel(y, c).data()).containsExactly(alone.data(),
                    org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void namesWhatDoesNotFit() {
        CpuTensor x = CpuTensor.wrap(new float[2 * 6 * 5 * 5], Shape.of(2, 6, 5, 5));
        assertThatThrownBy(() -> Conv2d.forward(x, CpuTensor.wrap(new float[4 * 2 * 9], Shape.of(4, 2, 3, 3)), null,
                new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 4))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("conv2d: groups 4 must divide both the input's 6 channels and the output's 4 (input"
                        + " [2, 6, 5, 5], weight [4, 2, 3, 3])");
        assertThatThrownBy(() -> Conv2d.forward(x, CpuTensor.wrap(new float[6 * 3 * 9], Shape.of(6, 3, 3, 3)), null,
                new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 3))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("conv2d: input [2, 6, 5, 5] has 6 channels but weight [6, 3, 3, 3] expects 9 (3 per"
                        + " group times 3 groups)");
        assertThatThrownBy(() -> Conv2d.forward(x, CpuTensor.wrap(new float[6 * 6 * 9], Shape.of(6, 6, 3, 3)), null,
                new int[] {1, 1}, new int[] {0, 0}, new int[] {3, 1}, 1))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("conv2d: kernel [3, 3] (spanning 7x3 with dilation [3, 1]) is larger than the padded"
                        + " input 5x5 of input [2, 6, 5, 5] with padding [0, 0]");
        assertThatThrownBy(() -> ConvTranspose2d.forward(x, CpuTensor.wrap(new float[6 * 9], Shape.of(6, 1, 3, 3)),
                null, new int[] {2, 2}, new int[] {0, 0}, new int[] {2, 0}, new int[] {1, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("convTranspose2d: output padding [2, 0] must be smaller than the stride [2, 2] or the"
                        + " dilation [1, 1] of its axis");
        assertThatThrownBy(() -> Conv1d.forward(x, CpuTensor.wrap(new float[6 * 6 * 3], Shape.of(6, 6, 3)), null,
                1, new int[] {0}, 1, 1))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("conv1d: input [2, 6, 5, 5] must have rank 3 [batch, channels, length]");
        assertThatThrownBy(() -> Upsample.nearest(x, new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upsampleNearest2d: size [0, 3] must be at least 1");
    }

    private static CpuTensor channel(CpuTensor t, int c) {
        int[] d = t.shape().dims();
        int plane = d[2] * d[3];
        float[] out = new float[d[0] * plane];
        for (int n = 0; n < d[0]; n++) {
            System.arraycopy(t.data(), (n * d[1] + c) * plane, out, n * plane, plane);
        }
        return CpuTensor.wrap(out, Shape.of(d[0], 1, d[2], d[3]));
    }
}
