package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.Backend;
import org.neurite.api.Shape;
import org.neurite.engine.Close;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.TorchFixtures;

class ArangeTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(ArangeTest.class, "generic_ops.txt");
    private final Backend backend = CpuBackend.instance();

    @Test
    void matchesTorchForWholeFractionalAndNegativeSteps() {
        Close.assertClose("arange(5)", backend.arange(5).toArray(), TORCH.values("arange_0_5_1"));
        Close.assertClose("arange(1, 2.5, 0.5)", backend.arange(1, 2.5, 0.5).toArray(), TORCH.values("arange_1_2.5_0.5"));
        Close.assertClose("arange(5, 0, -1.5)", backend.arange(5, 0, -1.5).toArray(), TORCH.values("arange_5_0_-1.5"));
        Close.assertClose("arange(0, 1, 0.1)", backend.arange(0, 1, 0.1).toArray(), TORCH.values("arange_0_1_0.1"));
    }

    @Test
    void anEmptyRangeIsEmptyAndABadStepIsNamed() {
        assertThat(backend.arange(3, 1, 1).shape()).isEqualTo(Shape.of(0));
        assertThatThrownBy(() -> backend.arange(0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange: step must not be 0 (start 0.0, end 1.0)");
        assertThatThrownBy(() -> backend.arange(0, Double.POSITIVE_INFINITY, 1))
                .hasMessage("arange: start 0.0, end Infinity and step 1.0 must be finite");
    }
}
