package org.neurite.spark.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits a step's batch into fixed-size micro-batches, in order; the last may be smaller. */
final class MicroBatches {

    private MicroBatches() {
    }

    static List<MicroBatch> split(int[] samples, int size) {
        List<MicroBatch> micro = new ArrayList<>();
        for (int from = 0, i = 0; from < samples.length; from += size, i++) {
            micro.add(new MicroBatch(i, Arrays.copyOfRange(samples, from, Math.min(samples.length, from + size))));
        }
        return micro;
    }
}
