package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neurite.engine.Close;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.TorchFixtures;

class SignTest {

    private static final TorchFixtures TORCH = TorchFixtures.load(SignTest.class, "generic_ops.txt");

    @Test
    void matchesTorchAndKeepsNaN() {
        // torch records sign with a zero gradient; here it is a leaf, so only the values are compared
        Close.assertClose("sign", TORCH.tensor("sign.x").sign().toArray(), TORCH.values("sign.y"));
        assertThat(Fixtures.vector(Float.NaN).sign().item()).isNaN();
    }

    @Test
    void isNotRecorded() {
        assertThat(GradCheck.random(3, 2, 3).requireGrad().sign().requiresGrad()).isFalse();
    }
}
