package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

class DatasetTest {

    /** Six samples of shape [2]: sample i holds (10 i, 10 i + 1) and class i % 3. */
    static Dataset six() {
        float[] x = new float[12];
        float[] y = new float[6];
        for (int i = 0; i < 6; i++) {
            x[2 * i] = 10 * i;
            x[2 * i + 1] = 10 * i + 1;
            y[i] = i % 3;
        }
        return Dataset.ofClasses(x, Shape.of(2), y, 3);
    }

    @Test
    void describesItsSamples() {
        Dataset d = six();

        assertThat(d.size()).isEqualTo(6);
        assertThat(d.featureShape()).isEqualTo(Shape.of(2));
        assertThat(d.targetShape()).isEqualTo(Shape.scalar());
        assertThat(d.numClasses()).hasValue(3);
        assertThat(d.isClassification()).isTrue();
        assertThat(d.features(4)).containsExactly(40, 41);
        assertThat(d.target(4)).containsExactly(1);
        assertThat(d.classCounts()).containsExactly(2, 2, 2);
        assertThat(d).hasToString("Dataset[6 samples, features [2], 3 classes]");
    }

    @Test
    void holdsValueTargetsOfAnyShape() {
        Dataset d = Dataset.ofValues(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(1, 3), new float[] {7, 8, 9, 10},
                Shape.of(2));

        assertThat(d.size()).isEqualTo(2);
        assertThat(d.numClasses()).isEmpty();
        assertThat(d.target(1)).containsExactly(9, 10);
        assertThat(d).hasToString("Dataset[2 samples, features [1, 3], targets [2]]");
        assertThatThrownBy(d::classCounts).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesLengthsThatDoNotFitTheShapes() {
        assertThatThrownBy(() -> Dataset.ofClasses(new float[10], Shape.of(2, 2), new float[2], 2))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("dataset: 10 values of input 'input' do not divide into samples of shape [2, 2] (4 values each)");
        assertThatThrownBy(() -> Dataset.ofClasses(new float[8], Shape.of(2, 2), new float[3], 2))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("dataset: 2 samples need 2 target values of shape [], found 3");
        assertThatThrownBy(() -> Dataset.ofValues(new float[4], Shape.of(2), new float[4], Shape.of(3)))
                .hasMessage("dataset: 2 samples need 6 target values of shape [3], found 4");
        assertThatThrownBy(() -> Dataset.ofValues(new float[0], Shape.of(0), new float[0], Shape.scalar()))
                .hasMessage("dataset: input 'input' of shape [0] holds no values");
    }

    @Test
    void refusesLabelsThatAreNotClassIndices() {
        assertThatThrownBy(() -> Dataset.ofClasses(new float[3], Shape.of(1), new float[] {0, 3, 1}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset: label 3.0 of sample 1 is not a class index in [0, 3)");
        assertThatThrownBy(() -> Dataset.ofClasses(new float[3], Shape.of(1), new float[] {0, 1, 0.5f}, 3))
                .hasMessage("dataset: label 0.5 of sample 2 is not a class index in [0, 3)");
        assertThatThrownBy(() -> Dataset.ofClasses(new float[1], Shape.of(1), new float[] {Float.NaN}, 3))
                .hasMessage("dataset: label NaN of sample 0 is not a class index in [0, 3)");
        assertThatThrownBy(() -> Dataset.ofClasses(new float[1], Shape.of(1), new float[] {0}, 0))
                .hasMessage("dataset: the number of classes must be at least 1, found 0");
    }

    @Test
    void takesSubsetsByIndexAndRange() {
        Dataset d = six();

        Dataset picked = d.subset(new int[] {5, 0, 5});
        Dataset range = d.subset(2, 4);

        assertThat(picked.size()).isEqualTo(3);
        assertThat(picked.features(0)).containsExactly(50, 51);
        assertThat(picked.features(1)).containsExactly(0, 1);
        assertThat(picked.target(2)).containsExactly(2);
        assertThat(picked.numClasses()).hasValue(3);
        assertThat(range.features(0)).containsExactly(20, 21);
        assertThat(range.target(1)).containsExactly(0);
        assertThatThrownBy(() -> d.subset(4, 7))
                .hasMessage("dataset: range [4, 7) is outside the 6 samples");
        assertThatThrownBy(() -> d.subset(new int[] {6}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("dataset: sample 6 is outside [0, 6)");
    }

    @Test
    void splitsInOrderOrAtRandom() {
        Dataset d = six();

        Dataset.Split ordered = d.split(2.0 / 3);
        Dataset.Split random = d.split(0.5, new SplittableRandom(7));
        Dataset.Split again = d.split(0.5, new SplittableRandom(7));

        assertThat(ordered.train().size()).isEqualTo(4);
        assertThat(ordered.validation().features(0)).containsExactly(40, 41);
        assertThat(random.train().size()).isEqualTo(3);
        assertThat(random.validation().size()).isEqualTo(3);
        Set<Float> seen = new HashSet<>();
        for (Dataset part : new Dataset[] {random.train(), random.validation()}) {
            for (int i = 0; i < part.size(); i++) {
                seen.add(part.features(i)[0]);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0f, 10f, 20f, 30f, 40f, 50f);
        for (int i = 0; i < 3; i++) {
            assertThat(again.train().features(i)).isEqualTo(random.train().features(i));
        }
        assertThatThrownBy(() -> d.split(1.5)).hasMessage("dataset: split fraction must be in [0, 1], found 1.5");
    }

    /** Three samples of two inputs, "tokens" [4] and "mask" [4], with per-step classes (-100 at padding). */
    static Dataset tokensAndMask() {
        return Dataset.builder()
                .input("tokens", new float[] {1, 2, 0, 0, 3, 1, 2, 0, 2, 2, 2, 1}, Shape.of(4))
                .input("mask", new float[] {1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1}, Shape.of(4))
                .classes(new float[] {2, 0, -100, -100, 1, 2, 0, -100, 2, 2, 1, 0}, Shape.of(4), 4)
                .build();
    }

    @Test
    void holdsSeveralNamedInputsAndPerStepClassTargets() {
        Dataset d = tokensAndMask();

        assertThat(d.size()).isEqualTo(3);
        assertThat(d.inputNames()).containsExactly("tokens", "mask");
        assertThat(d.inputShapes()).containsExactly(entry("tokens", Shape.of(4)), entry("mask", Shape.of(4)));
        assertThat(d.input("mask", 1)).containsExactly(1, 1, 1, 0);
        assertThat(d.target(0)).containsExactly(2, 0, -100, -100);
        assertThat(d.hasStepTargets()).isTrue();
        assertThat(d.classCounts()).containsExactly(3, 2, 4, 0);
        assertThat(d).hasToString("Dataset[3 samples, tokens [4], mask [4], 4 classes per step [4]]");
        assertThatThrownBy(d::featureShape).isInstanceOf(IllegalStateException.class)
                .hasMessage("dataset: has 2 inputs [tokens, mask]; name the one wanted");
        assertThatThrownBy(() -> d.input("masks", 0))
                .hasMessage("dataset: no input named 'masks'; its inputs: [tokens, mask]");
    }

    @Test
    void subsetsAndSplitsKeepEveryInputInStep() {
        Dataset d = tokensAndMask();

        Dataset picked = d.subset(new int[] {2, 0});
        Dataset.Split split = d.split(2.0 / 3);

        assertThat(picked.input("tokens", 0)).containsExactly(2, 2, 2, 1);
        assertThat(picked.input("mask", 1)).containsExactly(1, 1, 0, 0);
        assertThat(picked.target(1)).containsExactly(2, 0, -100, -100);
        assertThat(split.validation().input("tokens", 0)).containsExactly(2, 2, 2, 1);
        assertThat(split.train().inputNames()).containsExactly("tokens", "mask");
    }

    @Test
    void refusesInputsOfUnequalCountsRepeatedNamesAndTheIgnoreIndexPerSample() {
        assertThatThrownBy(() -> Dataset.builder().input("a", new float[4], Shape.of(2))
                .input("b", new float[3], Shape.of(1)).classes(new float[2], 2).build())
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("dataset: input 'b' holds 3 samples, but input 'a' holds 2");
        assertThatThrownBy(() -> Dataset.builder().input("a", new float[4], Shape.of(2)).input("a", new float[2], Shape.of(1)))
                .hasMessage("dataset: two inputs are named 'a'");
        assertThatThrownBy(() -> Dataset.builder().input("a", new float[2], Shape.of(1)).classes(new float[] {0, -100}, 2)
                .build())
                .hasMessage("dataset: label -100.0 of sample 1 is not a class index in [0, 2)");
        assertThatThrownBy(() -> Dataset.builder().input("a", new float[2], Shape.of(1))
                .classes(new float[] {0, 1, 2, -100}, Shape.of(2), 2).build())
                .hasMessage("dataset: label 2.0 of sample 1 at step 0 is not a class index in [0, 2) or -100 (ignored)");
        assertThatThrownBy(() -> Dataset.builder().input("a", new float[2], Shape.of(1)).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
