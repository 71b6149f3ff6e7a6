package org.neurite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Backend;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** {@link Backend#multiHeadSelfAttention}'s default (slices, then multiHeadAttention) against the engine's fused op. */
class SelfAttentionDefaultTest {

    @Test
    void theDefaultOverSlicesGivesWhatTheFusedOpGives() {
        CpuBackend engine = CpuBackend.instance();
        // every method the engine's, but multiHeadSelfAttention the interface's default
        InvocationHandler handler = (proxy, method, args) -> method.getName().equals("multiHeadSelfAttention")
                ? InvocationHandler.invokeDefault(proxy, method, args)
                : method.invoke(engine, args);
        Backend byDefault = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(),
                new Class<?>[] {Backend.class}, handler);
        CpuTensor mask = CpuTensor.wrap(new float[] {1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, Shape.of(2, 5));
        CpuTensor fusedIn = GradCheck.random(21, 2, 5, 12).requireGrad();
        CpuTensor slicedIn = CpuTensor.wrap(fusedIn.toArray(), fusedIn.shape()).requireGrad();
        CpuTensor grad = GradCheck.random(22, 2, 5, 4);

        Tensor fused = engine.multiHeadSelfAttention(fusedIn, 2, mask, true, 0.3f, Mode.TRAINING,
                new SplittableRandom(5));
        Tensor sliced = byDefault.multiHeadSelfAttention(slicedIn, 2, mask, true, 0.3f, Mode.TRAINING,
                new SplittableRandom(5));
        CpuTensor.of(fused).backward(grad);
        CpuTensor.of(sliced).backward(grad);

        assertThat(sliced.shape()).isEqualTo(Shape.of(2, 5, 4));
        assertThat(CpuTensor.of(sliced).toArray()).containsExactly(CpuTensor.of(fused).toArray());
        assertThat(slicedIn.gradArray()).containsExactly(fusedIn.gradArray());
    }
}
