package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class SplitsTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(SplitsTest.class, "generic_ops.txt");

    /** Piece {@code i} times {@code i + 1}, joined again: as the reference script does, so every piece's gradient differs. */
    private static Tensor rejoined(List<Tensor> pieces, int axis) {
        List<Tensor> scaled = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            scaled.add(pieces.get(i).mul(i + 1f));
        }
        return CpuBackend.instance().concat(scaled, axis);
    }

    @Test
    void splitAndChunkMatchTorch() {
        TORCH.assertMatches("split2_axis0", 1e-7, 0, in -> rejoined(in.get(0).split(2, 0), 0), "x");
        TORCH.assertMatches("split13_axis1", 1e-7, 0, in -> rejoined(in.get(0).split(new int[] {1, 3}, -1), 1), "x");
        TORCH.assertMatches("chunk3_axis0", 1e-7, 0, in -> rejoined(in.get(0).chunk(3, 0), 0), "x");
    }

    @Test
    void piecesHaveTorchsLengths() {
        Tensor x = GradCheck.random(1, 5, 4);
        assertThat(x.split(2, 0)).extracting(Tensor::shape)
                .containsExactly(Shape.of(2, 4), Shape.of(2, 4), Shape.of(1, 4));
        assertThat(x.chunk(3, 0)).extracting(Tensor::shape)
                .containsExactly(Shape.of(2, 4), Shape.of(2, 4), Shape.of(1, 4));
        assertThat(x.chunk(4, 1)).hasSize(4);
        assertThat(GradCheck.random(1, 6).chunk(4, 0)).extracting(Tensor::shape)
                .containsExactly(Shape.of(2), Shape.of(2), Shape.of(2)); // torch.chunk also gives 3
    }

    @Test
    void passesTheGradientCheck() {
        GradCheck.create().check(in -> rejoined(Splits.chunk(in.get(0), 2, 1), 1), GradCheck.random(3, 2, 5, 2));
    }

    @Test
    void badLengthsAreNamed() {
        Tensor x = GradCheck.random(1, 5, 4);
        assertThatThrownBy(() -> x.split(new int[] {1, 2}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split: lengths [1, 2] sum to 3, but axis 1 of shape [5, 4] has length 4");
        assertThatThrownBy(() -> x.split(0, 0))
                .hasMessage("split: piece size 0 must be at least 1 (shape [5, 4], axis 0)");
        assertThatThrownBy(() -> x.chunk(0, 1))
                .hasMessage("chunk: 0 chunks; at least 1 is needed (shape [5, 4], axis 1)");
    }
}
