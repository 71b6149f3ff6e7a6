package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class MomentsTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(MomentsTest.class, "generic_ops.txt");

    @Test
    void varianceMatchesTorchOverAllOneOrTwoAxesBiasedOrNot() {
        TORCH.assertMatches("var_all", 1e-5, 1e-7, in -> in.get(0).var(true, false), "x");
        TORCH.assertMatches("var_axis1_keep", 1e-5, 1e-7, in -> in.get(0).var(true, true, 1), "x");
        TORCH.assertMatches("var_axes02_biased", 1e-5, 1e-7, in -> in.get(0).var(false, false, 0, -1), "x");
    }

    @Test
    void standardDeviationMatchesTorch() {
        TORCH.assertMatches("std_all_biased", 1e-5, 1e-7, in -> in.get(0).std(false, false), "x");
        TORCH.assertMatches("std_last", 1e-5, 1e-7, in -> in.get(0).std(true, false, -1), "x");
    }

    @Test
    void passTheGradientCheck() {
        GradCheck.create().check(in -> Moments.var(in.get(0), true, false, 1), GradCheck.random(5, 3, 4, 2));
        GradCheck.create().check(in -> Moments.var(in.get(0), false, true), GradCheck.random(6, 3, 4));
        GradCheck.create().check(in -> Moments.std(in.get(0), true, false, 0, 2), GradCheck.random(7, 3, 4, 2));
    }

    @Test
    void oneSampleHasNoUnbiasedVarianceAndBadAxesAreNamed() {
        assertThat(Fixtures.vector(2f).var(true, false).item()).isNaN();
        assertThat(Fixtures.vector(2f).var(false, false).item()).isZero();
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).std(true, false, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("var: axis 2 is out of range for shape [2, 3]");
        assertThatThrownBy(() -> GradCheck.random(1, 2, 3).var(true, false, 1, -1))
                .hasMessage("var: axis -1 given twice for shape [2, 3]");
    }
}
