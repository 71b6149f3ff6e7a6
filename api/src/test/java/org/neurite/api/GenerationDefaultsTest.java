package org.neurite.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The default methods generation relies on, for a backend or a decoder that does not override
 * them: packed weights are the transposed copy read by {@code linearTransposed}, a follower is
 * fed on its own before the session, and a session beside another is a fresh one.
 */
class GenerationDefaultsTest {

    /** Kernels that define only the transposed linear map, written out. */
    private static final ArrayKernels TRANSPOSED_ONLY = mock(ArrayKernels.class, invocation -> {
        if (invocation.getMethod().getName().equals("linearTransposed")) {
            Object[] a = invocation.getArguments();
            float[] x = (float[]) a[0];
            int xOff = (int) a[1];
            int rows = (int) a[2];
            int k = (int) a[3];
            float[] wt = (float[]) a[4];
            float[] bias = (float[]) a[5];
            int n = (int) a[6];
            float[] y = (float[]) a[7];
            int yOff = (int) a[8];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < n; j++) {
                    float s = bias == null ? 0f : bias[j];
                    for (int p = 0; p < k; p++) {
                        s += x[xOff + i * k + p] * wt[p * n + j];
                    }
                    y[yOff + i * n + j] = s;
                }
            }
            return null;
        }
        return invocation.callRealMethod();
    });

    @Test
    void packedWeightsDefaultToTheTransposedCopy() {
        float[] w = {1, 2, 3, 4, 5, 6}; // [n = 2, k = 3]
        float[] packed = TRANSPOSED_ONLY.packLinear(w, 2, 3);
        assertThat(packed).containsExactly(1, 4, 2, 5, 3, 6);
        float[] y = new float[3];
        TRANSPOSED_ONLY.linearPacked(new float[] {1, 0, -1}, 0, 1, 3, packed, new float[] {10, 20}, 2, y, 1);
        assertThat(y).containsExactly(0, 10 + 1 - 3, 20 + 4 - 6);
    }

    @Test
    void aRangeOfPackedColumnsDefaultsToThoseOfTheWholeProductAndOneLaneRunsInline() {
        float[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // [n = 3, k = 3]
        float[] packed = TRANSPOSED_ONLY.packLinear(w, 3, 3);
        float[] x = {1, 0, -1, 2, 1, 0}; // two rows
        float[] bias = {10, 20, 30};
        float[] whole = new float[6];
        TRANSPOSED_ONLY.linearPacked(x, 0, 2, 3, packed, bias, 3, whole, 0);
        assertThat(TRANSPOSED_ONLY.packedColumnStep()).isEqualTo(1);
        float[] y = {-1, -1, -1, -1, -1, -1, -1};
        TRANSPOSED_ONLY.linearPackedColumns(x, 0, 2, 3, packed, bias, 3, 1, 3, y, 1);
        assertThat(y).containsExactly(-1, -1, whole[1], whole[2], -1, whole[4], whole[5]);
        TRANSPOSED_ONLY.linearPackedColumns(x, 0, 2, 3, packed, bias, 3, 0, 3, y, 1);
        assertThat(y).containsExactly(-1, whole[0], whole[1], whole[2], whole[3], whole[4], whole[5]);

        assertThat(TRANSPOSED_ONLY.lanes()).isEqualTo(1);
        Thread caller = Thread.currentThread();
        StringBuilder ran = new StringBuilder();
        TRANSPOSED_ONLY.inLanes(lane -> ran.append(lane)
                .append(Thread.currentThread() == caller ? " here" : " elsewhere"));
        assertThat(ran).hasToString("0 here");
    }

    @Test
    void aFollowerIsFedOnItsOwnBeforeTheSessionAndBesideIsAFreshStart() {
        IncrementalDecoder.Session session = mock(IncrementalDecoder.Session.class);
        IncrementalDecoder.Session follower = mock(IncrementalDecoder.Session.class);
        Tensor ids = mock(Tensor.class);
        Tensor logits = mock(Tensor.class);
        when(session.nextLast(ids, follower)).thenCallRealMethod();
        when(session.nextLast(ids)).thenReturn(logits);

        assertThat(session.nextLast(ids, follower)).isSameAs(logits);
        InOrder order = inOrder(follower, session);
        order.verify(follower).nextLast(ids);
        order.verify(session).nextLast(ids);

        IncrementalDecoder decoder = mock(IncrementalDecoder.class);
        IncrementalDecoder.Session fresh = mock(IncrementalDecoder.Session.class);
        when(decoder.start()).thenReturn(fresh);
        when(decoder.beside(session)).thenCallRealMethod();
        assertThat(decoder.beside(session)).isSameAs(fresh);
    }
}
