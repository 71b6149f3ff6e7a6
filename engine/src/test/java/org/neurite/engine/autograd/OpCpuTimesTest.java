package org.neurite.engine.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OpCpuTimesTest {

    @Test
    void chargesEachMarkAndBackwardStepToItsLabelAndDrainEmptiesTheTable() {
        OpCpuTimes.drain();
        float[] seen = new float[1];
        OpCpuTimes.forward("matmul");
        OpCpuTimes.forward("matmul");
        OpCpuTimes.backward("matmul", g -> seen[0] = g[0], new float[] {3f});
        OpCpuTimes.mark("optimizer");

        Map<String, long[]> times = OpCpuTimes.drain();

        assertThat(seen[0]).isEqualTo(3f);
        assertThat(times).containsOnlyKeys("matmul", "(autograd walk)", "matmul backward", "optimizer");
        assertThat(times.get("matmul")[0]).isEqualTo(2);
        assertThat(times.get("matmul backward")[0]).isEqualTo(1);
        assertThat(times.values()).allSatisfy(calls -> assertThat(calls[1]).isNotNegative());
        assertThat(OpCpuTimes.drain()).isEmpty();
    }
}
