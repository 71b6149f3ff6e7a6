package org.neurite.engine.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.PyTorchInit;
import org.neurite.api.Shape;

/** The api's PyTorch defaults draw exactly what the engine's initializers draw, so a plugin's layer matches dense. */
class PyTorchInitTest {

    @Test
    void linearIsTheFanInUniformAndEmbeddingTheStandardNormal() {
        Shape shape = Shape.of(4, 6);
        float[] api = new float[24];
        float[] engine = new float[24];
        PyTorchInit.LINEAR.initializer(6).initialize(api, shape, new SplittableRandom(3));
        UniformInitializer.fanInScaled(6).initialize(engine, shape, new SplittableRandom(3));
        assertThat(api).containsExactly(engine);

        float[] normal = new float[24];
        PyTorchInit.EMBEDDING.initializer(0).initialize(normal, shape, new SplittableRandom(5));
        SplittableRandom r = new SplittableRandom(5);
        for (float v : normal) {
            assertThat(v).isEqualTo((float) r.nextGaussian());
        }
        assertThat(PyTorchInit.named("recurrent")).isEqualTo(PyTorchInit.RECURRENT);
    }
}
