package org.neurite.engine.ops;

import org.junit.jupiter.api.Test;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class TrigonometricTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(TrigonometricTest.class, "generic_ops.txt");

    @Test
    void sineAndCosineMatchTorchWithTheirGradients() {
        TORCH.assertMatches("sin", 1e-6, 1e-7, in -> in.get(0).sin(), "x");
        TORCH.assertMatches("cos", 1e-6, 1e-7, in -> in.get(0).cos(), "x");
    }

    @Test
    void passTheGradientCheck() {
        GradCheck.create().check(in -> Trigonometric.sin(in.get(0)), GradCheck.random(1, 3, 5));
        GradCheck.create().check(in -> Trigonometric.cos(Elementwise.mulScalar(in.get(0), 3f)), GradCheck.random(2, 3, 5));
    }
}
