package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Shape;

/** Loads the real files shipped in examples/data/fashion-mnist. */
class FashionMnistTest {

    private static final Path FOLDER = Path.of(System.getProperty("basedir", "."))
            .resolve("../examples/data/fashion-mnist").normalize();

    @Test
    void loadsTheShippedFilesWithTheDocumentedCounts() throws IOException {
        FashionMnist.Splits data = FashionMnist.load(FOLDER);
        Dataset train = data.train();
        Dataset test = data.test();

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.featureShape()).isEqualTo(Shape.of(1, 28, 28));
        assertThat(train.numClasses()).hasValue(10);
        assertThat(train.classCounts()).containsOnly(6_000).hasSize(10);
        assertThat(test.classCounts()).containsOnly(1_000).hasSize(10);
        // Reference values from numpy on the same files: labels[:10], and row 14 of the first training image.
        for (int i = 0; i < 10; i++) {
            assertThat(train.target(i)[0]).isEqualTo(new float[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}[i]);
            assertThat(test.target(i)[0]).isEqualTo(new float[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}[i]);
        }
        float[] first = train.features(0);
        assertThat(first[14 * 28 + 12]).isEqualTo(237 / 255f);
        assertThat(first[14 * 28 + 25]).isEqualTo(1f);
        assertThat(first[14 * 28 + 26]).isEqualTo(77 / 255f);
        double sum = 0;
        for (float v : first) {
            assertThat(v).isBetween(0f, 1f);
            sum += v;
        }
        // numpy: x[0].sum() == 76247 (in 0..255 units)
        assertThat(sum * 255).isCloseTo(76247, org.assertj.core.data.Offset.offset(0.05));
        assertThat(FashionMnist.CLASS_NAMES.get(9)).isEqualTo("Ankle boot");
    }

    @Test
    void namesTheMissingFile(@TempDir Path empty) {
        assertThatThrownBy(() -> FashionMnist.loadTest(empty))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("neither t10k-images-idx3-ubyte.gz nor t10k-images-idx3-ubyte is in " + empty);
    }
}
