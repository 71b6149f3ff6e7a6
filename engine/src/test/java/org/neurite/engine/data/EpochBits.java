package org.neurite.engine.data;

import java.util.ArrayList;
import java.util.List;

import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.augment.RandomCrop;

/** The batches a dataset's loader serves, as raw float bits, for tests that compare two ways of holding the same samples. */
public final class EpochBits {

    private EpochBits() {
    }

    /**
     * @param data images {@code [channels, height, width]} per sample
     * @return two shuffled, augmented epochs of batches of 8, each batch's images then labels as raw float bits
     */
    public static List<List<Integer>> of(Dataset data) {
        DataLoader loader = DataLoader.of(data, CpuBackend.instance()).batchSize(8).shuffle(11)
                .augment(new RandomCrop(1), 5).build();
        List<List<Integer>> out = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (Batch batch : loader.nextEpoch()) {
                List<Integer> bits = new ArrayList<>();
                for (float v : batch.features().toArray()) {
                    bits.add(Float.floatToRawIntBits(v));
                }
                for (float v : batch.targets().toArray()) {
                    bits.add(Float.floatToRawIntBits(v));
                }
                out.add(bits);
            }
        }
        return out;
    }
}
