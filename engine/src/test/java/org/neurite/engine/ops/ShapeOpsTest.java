package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Fixtures.floats;
import static org.neurite.engine.Fixtures.tensor;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class ShapeOpsTest {

    /** torch.arange(24.).reshape(2, 3, 4) */
    private static CpuTensor arange() {
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return tensor(v, 2, 3, 4);
    }

    @Test
    void reshapeInfersOneDimensionAndKeepsTheOrder() {
        CpuTensor r = ShapeOps.reshape(arange(), 4, -1);
        assertThat(r.shape()).isEqualTo(Shape.of(4, 6));
        assertThat(r.get(1, 0)).isEqualTo(6f);
        assertThat(ShapeOps.reshape(tensor(floats(7), 1, 1)).shape()).isEqualTo(Shape.scalar());
        GradCheck.create().check(x -> x.get(0).reshape(-1, 2).mul(x.get(0).reshape(12, 2)), GradCheck.random(1, 2, 3, 4));
    }

    @Test
    void reshapeErrorsNameTheShapes() {
        assertThatThrownBy(() -> ShapeOps.reshape(arange(), 5, 5))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("reshape: [5, 5] holds 25 elements, but the tensor of shape [2, 3, 4] has 24");
        assertThatThrownBy(() -> ShapeOps.reshape(arange(), 5, -1))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("reshape: cannot infer the -1 in [5, -1] for a tensor of shape [2, 3, 4] (24 elements)");
        assertThatThrownBy(() -> ShapeOps.reshape(arange(), -1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reshape: dimension -1 at position 1 of [-1, -1] (only one -1 is allowed) for a tensor"
                        + " of shape [2, 3, 4]");
    }

    @Test
    void permuteAndTransposeMatchTorch() {
        // torch 1.13: torch.arange(24.).reshape(2,3,4).permute(2,0,1).flatten()
        CpuTensor p = ShapeOps.permute(arange(), 2, 0, 1);
        assertThat(p.shape()).isEqualTo(Shape.of(4, 2, 3));
        assertThat(p.data()).containsExactly(0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22,
                3, 7, 11, 15, 19, 23);
        // torch 1.13: torch.arange(24.).reshape(2,3,4).transpose(0,2).flatten()
        CpuTensor t = ShapeOps.transpose(arange(), 0, -1);
        assertThat(t.shape()).isEqualTo(Shape.of(4, 3, 2));
        assertThat(t.data()).containsExactly(0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22,
                3, 15, 7, 19, 11, 23);
        assertThat(ShapeOps.transpose(tensor(floats(1, 2, 3, 4, 5, 6), 2, 3), 0, 1).data())
                .containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void batchedTransposeOfMatricesLargerThanOneTile() {
        CpuTensor x = GradCheck.random(7, 2, 37, 45);
        CpuTensor t = ShapeOps.transpose(x, -1, -2);
        assertThat(t.shape()).isEqualTo(Shape.of(2, 45, 37));
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 37; i++) {
                for (int j = 0; j < 45; j++) {
                    assertThat(t.get(b, j, i)).isEqualTo(x.get(b, i, j));
                }
            }
        }
        GradCheck.create().check(v -> v.get(0).transpose(1, 2), x);
    }

    @Test
    void permuteAndTransposeGradients() {
        GradCheck.create().check(x -> x.get(0).permute(2, 0, 1), GradCheck.random(1, 2, 3, 4));
        GradCheck.create().check(x -> x.get(0).permute(1, 2, 0), GradCheck.random(2, 2, 3, 4));
        GradCheck.create().check(x -> x.get(0).transpose(0, 1), GradCheck.random(3, 5, 3));
        GradCheck.create().check(x -> x.get(0).transpose(-1, 1), GradCheck.random(4, 2, 3, 4, 2));
    }

    @Test
    void permuteRejectsWhatIsNotAPermutation() {
        assertThatThrownBy(() -> ShapeOps.permute(arange(), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permute: order [0, 1] has 2 axes, the tensor of shape [2, 3, 4] has 3");
        assertThatThrownBy(() -> ShapeOps.permute(arange(), 0, 1, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permute: axis -2 appears twice in [0, 1, -2] for shape [2, 3, 4]");
        assertThatThrownBy(() -> ShapeOps.transpose(arange(), 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transpose: axis 3 is out of range for shape [2, 3, 4]");
    }

    @Test
    void sliceKeepsTheRangeAlongOneAxis() {
        CpuTensor s = ShapeOps.slice(arange(), 1, 1, 3);
        assertThat(s.shape()).isEqualTo(Shape.of(2, 2, 4));
        assertThat(s.data()).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23);
        assertThat(ShapeOps.slice(arange(), -1, 3, 4).data()).containsExactly(3, 7, 11, 15, 19, 23);
        assertThat(ShapeOps.slice(arange(), 0, 1, 1).shape()).isEqualTo(Shape.of(0, 3, 4));
    }

    @Test
    void sliceGradients() {
        GradCheck.create().check(x -> x.get(0).slice(1, 1, 3), GradCheck.random(1, 2, 3, 4));
        GradCheck.create().check(x -> x.get(0).slice(0, 0, 1), GradCheck.random(2, 2, 3, 4));
        GradCheck.create().check(x -> x.get(0).slice(-1, 2, 4), GradCheck.random(3, 2, 3, 4));
    }

    @Test
    void sliceBoundsAreChecked() {
        assertThatThrownBy(() -> ShapeOps.slice(arange(), 1, 2, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice: range [2, 5) is out of bounds for axis 1 of length 3 in shape [2, 3, 4]");
        assertThatThrownBy(() -> ShapeOps.slice(arange(), 0, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice: range [2, 1) is out of bounds for axis 0 of length 2 in shape [2, 3, 4]");
    }

    @Test
    void gatherMatchesTorch() {
        // torch 1.13: torch.gather(torch.arange(24.).reshape(2,3,4), 2, [[[3],[0],[1]],[[2],[2],[0]]])
        CpuTensor last = ShapeOps.gather(arange(), 2, tensor(floats(3, 0, 1, 2, 2, 0), 2, 3, 1));
        assertThat(last.shape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(last.data()).containsExactly(3, 4, 9, 14, 18, 20);
        // torch 1.13: torch.gather(torch.arange(24.).reshape(2,3,4), 1, [[[2,0,1,1]]])
        CpuTensor mid = ShapeOps.gather(arange(), 1, tensor(floats(2, 0, 1, 1), 1, 1, 4));
        assertThat(mid.data()).containsExactly(8, 1, 6, 7);
    }

    @Test
    void gatherSendsGradientsToThePickedPositionsAndAddsRepeats() {
        CpuTensor x = tensor(floats(1, 2, 3, 4), 2, 2).requireGrad();
        CpuTensor y = ShapeOps.gather(x, 1, tensor(floats(0, 0, 1, 0), 2, 2));
        assertThat(y.data()).containsExactly(1, 1, 4, 3);
        y.sum().backward();
        assertThat(x.gradArray()).containsExactly(2, 0, 1, 1);
        GradCheck.create().check(t -> t.get(0).gather(1, tensor(floats(2, 0, 1, 1, 0, 2), 3, 2)),
                GradCheck.random(5, 3, 4));
        GradCheck.create().check(t -> t.get(0).gather(0, tensor(floats(1, 0, 2, 2, 0, 1), 2, 3)),
                GradCheck.random(6, 3, 4));
    }

    @Test
    void gatherIndexErrors() {
        assertThatThrownBy(() -> ShapeOps.gather(arange(), 1, tensor(floats(3, 0), 1, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gather: index 3 is out of range for axis 1 of length 3 in shape [2, 3, 4]");
        assertThatThrownBy(() -> ShapeOps.gather(arange(), 1, tensor(floats(1.5), 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gather: index 1.5 is not an integer (axis 1 of shape [2, 3, 4])");
        assertThatThrownBy(() -> ShapeOps.gather(arange(), 1, tensor(floats(0), 1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("gather: index of shape [1] must have the rank of the input [2, 3, 4]");
        assertThatThrownBy(() -> ShapeOps.gather(arange(), 1, tensor(new float[5], 1, 1, 5)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("gather: index of shape [1, 1, 5] is longer than the input [2, 3, 4] along axis 2");
    }
}
