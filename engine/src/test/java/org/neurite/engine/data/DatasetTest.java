package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .hasMessage("dataset: 10 feature values do not divide into samples of shape [2, 2] (4 values each)");
        assertThatThrownBy(() -> Dataset.ofClasses(new float[8], Shape.of(2, 2), new float[3], 2))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("dataset: 2 samples of features [2, 2] need 2 target values of shape [], found 3");
        assertThatThrownBy(() -> Dataset.ofValues(new float[4], Shape.of(2), new float[4], Shape.of(3)))
                .hasMessage("dataset: 2 samples of features [2] need 6 target values of shape [3], found 4");
        assertThatThrownBy(() -> Dataset.ofValues(new float[0], Shape.of(0), new float[0], Shape.scalar()))
                .hasMessage("dataset: feature shape [0] holds no values");
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
}
