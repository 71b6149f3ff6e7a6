package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.neurite.api.Backend;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.augment.HorizontalFlip;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.data.augment.RandomCrop;

class DataLoaderTest {

    private static final CpuBackend BACKEND = CpuBackend.instance();

    /** Ten samples of shape [3]: sample i holds (i, 100 + i, 200 + i) and the target i (as a value). */
    private static Dataset ten() {
        float[] x = new float[30];
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 100 + i;
            x[3 * i + 2] = 200 + i;
            y[i] = i;
        }
        return Dataset.ofValues(x, Shape.of(3), y, Shape.scalar());
    }

    /** @return the sample indices of every batch, read back from the targets */
    private static List<List<Integer>> visit(Iterable<Batch> batches) {
        List<List<Integer>> out = new ArrayList<>();
        for (Batch b : batches) {
            float[] x = b.features().toArray();
            float[] y = b.targets().toArray();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                int id = (int) y[i];
                // Features travel with their own target.
                assertThat(Arrays.copyOfRange(x, 3 * i, 3 * i + 3)).containsExactly(id, 100 + id, 200 + id);
                ids.add(id);
            }
            out.add(ids);
        }
        return out;
    }

    @Test
    void servesBatchesInOrderKeepingTheLastPartialOne() {
        DataLoader loader = DataLoader.of(ten(), BACKEND).batchSize(4).build();
        Batches epoch = loader.nextEpoch();

        Batch first = epoch.iterator().next();

        assertThat(first.features().shape()).isEqualTo(Shape.of(4, 3));
        assertThat(first.targets().shape()).isEqualTo(Shape.of(4));
        assertThat(loader.batchesPerEpoch()).isEqualTo(3);
        assertThat(epoch.count()).isEqualTo(3);
        assertThat(visit(epoch)).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9));
    }

    @Test
    void dropsTheLastPartialBatchWhenAsked() {
        DataLoader loader = DataLoader.of(ten(), BACKEND).batchSize(4).dropLast(true).build();

        assertThat(loader.batchesPerEpoch()).isEqualTo(2);
        assertThat(visit(loader)).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7));
        // An exact multiple loses nothing.
        assertThat(visit(DataLoader.of(ten(), BACKEND).batchSize(5).dropLast(true).build())).hasSize(2);
    }

    @Test
    void shufflesEveryEpochAfreshAndTheSameSeedGivesTheSameOrders() {
        DataLoader a = DataLoader.of(ten(), BACKEND).batchSize(3).shuffle(42).build();
        DataLoader b = DataLoader.of(ten(), BACKEND).batchSize(3).shuffle(42).build();
        DataLoader other = DataLoader.of(ten(), BACKEND).batchSize(3).shuffle(43).build();

        List<List<Integer>> a1 = visit(a.nextEpoch());
        List<List<Integer>> a2 = visit(a.nextEpoch());
        List<List<Integer>> b1 = visit(b.nextEpoch());
        List<List<Integer>> b2 = visit(b.nextEpoch());
        List<List<Integer>> o1 = visit(other.nextEpoch());

        assertThat(a1).isEqualTo(b1);
        assertThat(a2).isEqualTo(b2);
        assertThat(a2).isNotEqualTo(a1);
        assertThat(o1).isNotEqualTo(a1);
        for (List<List<Integer>> epoch : List.of(a1, a2, o1)) {
            assertThat(epoch.stream().map(List::size)).containsExactly(3, 3, 3, 1);
            assertThat(epoch.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
    }

    @Test
    void anEpochIteratedTwiceGivesTheSameBatchesAndEachIterationOfTheLoaderIsANewEpoch() {
        DataLoader loader = DataLoader.of(ten(), BACKEND).batchSize(4).shuffle(1).build();
        Batches epoch = loader.nextEpoch();

        assertThat(visit(epoch)).isEqualTo(visit(epoch));
        assertThat(epoch.order()).isNotEqualTo(loader.nextEpoch().order());
    }

    @Test
    void batchesStayIntactWhileLaterOnesAreMade() {
        List<Batch> kept = new ArrayList<>();
        for (Batch b : DataLoader.of(ten(), BACKEND).batchSize(2).shuffle(5).build()) {
            kept.add(b);
        }

        // Each batch still holds its own samples after all later batches were copied.
        assertThat(visit(kept).stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void anotherBackendMakesTheBatchTensorsFromTheCopiedRows() {
        Backend other = mock(Backend.class);
        when(other.tensor(any(float[].class), any(Shape.class)))
                .thenAnswer(call -> BACKEND.tensor(call.getArgument(0), call.getArgument(1)));

        Batch first = DataLoader.of(ten(), other).batchSize(4).build().iterator().next();

        verify(other).tensor(new float[] {0, 100, 200, 1, 101, 201, 2, 102, 202, 3, 103, 203}, Shape.of(4, 3));
        verify(other).tensor(new float[] {0, 1, 2, 3}, Shape.of(4));
        assertThat(first.features().toArray()).containsExactly(0, 100, 200, 1, 101, 201, 2, 102, 202, 3, 103, 203);
    }

    @Test
    void givesClassTargetsAsAVectorAndValueTargetsWithTheirShape() {
        Dataset values = Dataset.ofValues(new float[] {1, 2, 3, 4}, Shape.of(1, 1), new float[] {1, 2, 3, 4, 5, 6, 7, 8},
                Shape.of(2));
        Batch v = DataLoader.of(values, BACKEND).batchSize(3).build().iterator().next();
        Batch c = DataLoader.of(DatasetTest.six(), BACKEND).batchSize(4).build().iterator().next();

        assertThat(v.features().shape()).isEqualTo(Shape.of(3, 1, 1));
        assertThat(v.targets().shape()).isEqualTo(Shape.of(3, 2));
        assertThat(v.targets().toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(c.targets().shape()).isEqualTo(Shape.of(4));
        assertThat(c.targets().toArray()).containsExactly(0, 1, 2, 0);
    }

    @Test
    void refusesABatchSizeBelowOne() {
        assertThatThrownBy(() -> DataLoader.of(ten(), BACKEND).batchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data loader: batch size must be at least 1, found 0");
    }

    @Test
    void servesEveryNamedInputOfTheSameSamplesWithPerStepTargets() {
        Batches epoch = DataLoader.of(DatasetTest.tokensAndMask(), BACKEND).batchSize(2).shuffle(3).build().nextEpoch();
        int[] order = epoch.order();
        Batch first = epoch.iterator().next();

        assertThat(first.inputs().keySet()).containsExactly("tokens", "mask");
        assertThat(first.inputs().get("mask").shape()).isEqualTo(Shape.of(2, 4));
        assertThat(first.targets().shape()).isEqualTo(Shape.of(2, 4));
        assertThat(first.size()).isEqualTo(2);
        Dataset data = DatasetTest.tokensAndMask();
        assertThat(Arrays.copyOfRange(first.inputs().get("tokens").toArray(), 4, 8)).containsExactly(data.input("tokens", order[1]));
        assertThat(Arrays.copyOfRange(first.targets().toArray(), 4, 8)).containsExactly(data.target(order[1]));
        assertThatThrownBy(first::features).isInstanceOf(IllegalStateException.class)
                .hasMessage("batch: has 2 inputs [tokens, mask]; name the one wanted");
    }

    @Test
    void sequencesPaddedPerBatchAreCutToTheLongestOfEachBatchAlongTheirTimeAxisOnly() {
        // three sequences of [3 steps, 2 features] with 1, 3 and 2 real steps; value targets [3, 1]
        // per step, a label [] per sample, and an input [2] that does not run along the time axis
        Dataset data = Dataset.builder()
                .input("features", new float[] {1, 1, 0, 0, 0, 0, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 0, 0}, Shape.of(3, 2))
                .input("other", new float[] {7, 7, 8, 8, 9, 9}, Shape.of(2))
                .values(new float[] {1, Float.NaN, Float.NaN, 2, 3, 4, 5, 6, Float.NaN}, Shape.of(3, 1))
                .build().paddedPerBatch(3, new int[] {1, 3, 2});

        List<Batch> batches = new ArrayList<>();
        DataLoader.of(data, BACKEND).batchSize(1).build().forEach(batches::add);
        List<Batch> pairs = new ArrayList<>();
        DataLoader.of(data.subset(new int[] {2, 0}), BACKEND).batchSize(2).build().forEach(pairs::add);

        assertThat(batches).extracting(b -> b.inputs().get("features").shape())
                .containsExactly(Shape.of(1, 1, 2), Shape.of(1, 3, 2), Shape.of(1, 2, 2));
        assertThat(batches.get(2).inputs().get("features").toArray()).containsExactly(5, 5, 6, 6);
        assertThat(batches.get(2).inputs().get("other").shape()).isEqualTo(Shape.of(1, 2));
        assertThat(batches.get(2).targets().toArray()).containsExactly(5, 6);
        assertThat(pairs.get(0).inputs().get("features").toArray()).containsExactly(5, 5, 6, 6, 1, 1, 0, 0);
        assertThat(pairs.get(0).targets().shape()).isEqualTo(Shape.of(2, 2, 1));
    }

    /** Sixteen images [1, 2, 2] of distinct pixels, with their index as the target. */
    private static Dataset images() {
        float[] x = new float[16 * 4];
        float[] y = new float[16];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        for (int i = 0; i < 16; i++) {
            y[i] = i;
        }
        return Dataset.ofValues(x, Shape.of(1, 2, 2), y, Shape.scalar());
    }

    private static List<float[]> batchesOf(Iterable<Batch> epoch, boolean targets) {
        List<float[]> out = new ArrayList<>();
        for (Batch b : epoch) {
            out.add((targets ? b.targets() : b.features()).toArray());
        }
        return out;
    }

    @Test
    void augmentationChangesTheImagesNotTheOrderAndRepeatsForTheSameSeed() {
        ImageAugmentation flip = new HorizontalFlip(0.5);
        DataLoader plain = DataLoader.of(images(), BACKEND).batchSize(4).shuffle(3).build();
        DataLoader augmented = DataLoader.of(images(), BACKEND).batchSize(4).shuffle(3).augment(flip, 9).build();
        DataLoader again = DataLoader.of(images(), BACKEND).batchSize(4).shuffle(3).augment(flip, 9).build();
        for (int epoch = 0; epoch < 3; epoch++) {
            Batches p = plain.nextEpoch();
            Batches a = augmented.nextEpoch();
            Batches b = again.nextEpoch();
            assertThat(batchesOf(a, true)).usingRecursiveComparison().isEqualTo(batchesOf(p, true));
            assertThat(batchesOf(a, false)).usingRecursiveComparison().isNotEqualTo(batchesOf(p, false));
            assertThat(batchesOf(a, false)).usingRecursiveComparison().isEqualTo(batchesOf(b, false));
            // iterating an epoch again gives the same augmented batches
            assertThat(batchesOf(a, false)).usingRecursiveComparison().isEqualTo(batchesOf(a, false));
        }
    }

    @Test
    void everyEpochAugmentsAfresh() {
        DataLoader loader = DataLoader.of(images(), BACKEND).batchSize(16).augment(new RandomCrop(1), 9).build();
        assertThat(batchesOf(loader.nextEpoch(), false).get(0)).isNotEqualTo(batchesOf(loader.nextEpoch(), false).get(0));
    }

    @Test
    void augmentationRefusesInputsThatAreNotImages() {
        assertThatThrownBy(() -> DataLoader.of(ten(), BACKEND).augment(new HorizontalFlip(0.5), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data loader: augmentation needs images [channels, height, width], but input 'input' has"
                        + " samples of shape [3]");
    }
}
