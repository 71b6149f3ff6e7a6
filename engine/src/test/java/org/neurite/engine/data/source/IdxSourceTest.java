package org.neurite.engine.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neurite.engine.data.IdxReaderTest.idx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.EpochBits;
import org.neurite.engine.data.IdxReader;
import org.neurite.engine.data.IdxTestImages;

/**
 * The IDX source behind {@code format: idx}: unsigned-byte images stay bytes in its samples, and
 * every way a run reads them gives the floats that dividing the file's values once gave.
 */
class IdxSourceTest {

    @TempDir
    Path dir;

    private Path images;
    private Path labels;

    private void writeImages() throws IOException {
        images = dir.resolve("images");
        labels = dir.resolve("labels");
        IdxTestImages.write(images, labels);
    }

    /** The file's values divided once, as the source held them before it kept bytes. */
    private static float[] dividedOnce(Path file, float divisor) throws IOException {
        float[] values = IdxReader.read(file).values();
        for (int i = 0; i < values.length; i++) {
            values[i] /= divisor;
        }
        return values;
    }

    @Test
    void unsignedBytesStayBytesAndReadAsTheFloatsDividedOnce() throws IOException {
        writeImages();
        for (Double scale : new Double[] {null, 3.7, 1.0}) {
            SampleSet.Column column = new IdxSource(images, labels, scale).read().inputs().get(Dataset.INPUT);
            float[] expected = dividedOnce(images, scale == null ? 255f : scale.floatValue());

            assertThat(column.isUnsignedBytes()).isTrue();
            assertThat(column.shape()).isEqualTo(Shape.of(4, 4));
            assertThat(column.values()).as("scale " + scale).usingElementComparator(IdxSourceTest::bits)
                    .containsExactly(expected);
            assertThat(IdxSource.images(images, scale).inputs().get(Dataset.INPUT).values())
                    .usingElementComparator(IdxSourceTest::bits).containsExactly(expected);
        }
    }

    @Test
    void otherTypesStayFloatsDividedByTheScale() throws IOException {
        ByteBuffer floats = ByteBuffer.allocate(4 * 4);
        floats.putFloat(1.5f).putFloat(-2f).putFloat(3f).putFloat(255f);
        Path file = Files.write(dir.resolve("floats"), idx(0x0D, new int[] {2, 1, 2}, floats.array()));
        Path two = Files.write(dir.resolve("two"), idx(0x08, new int[] {2}, new byte[] {1, 0}));

        SampleSet.Column column = new IdxSource(file, two, 2.0).read().inputs().get(Dataset.INPUT);

        assertThat(column.isUnsignedBytes()).isFalse();
        assertThat(column.values()).containsExactly(0.75f, -1f, 1.5f, 127.5f);
    }

    @Test
    void batchesOfTheBytesAreThoseOfTheFloatsDividedOnceBitForBit() throws IOException {
        writeImages();
        SampleSet samples = new IdxSource(images, labels, null).read();
        Shape image = Shape.of(1, 4, 4);
        Dataset bytes = Dataset.builder().input(Dataset.INPUT, samples.inputs().get(Dataset.INPUT), image)
                .classes(samples.targets().values(), 10).build();
        Dataset floats = Dataset.ofClasses(dividedOnce(images, 255f), image, IdxReader.read(labels).values(), 10);

        assertThat(EpochBits.of(bytes)).isEqualTo(EpochBits.of(floats));
        Dataset.Split a = bytes.split(0.75, new SplittableRandom(4));
        Dataset.Split b = floats.split(0.75, new SplittableRandom(4));
        assertThat(EpochBits.of(a.train())).isEqualTo(EpochBits.of(b.train()));
        assertThat(EpochBits.of(a.validation())).isEqualTo(EpochBits.of(b.validation()));
        assertThat(EpochBits.of(bytes.subset(3, 29))).isEqualTo(EpochBits.of(floats.subset(3, 29)));
        assertThat(bytes.features(17)).usingElementComparator(IdxSourceTest::bits).containsExactly(floats.features(17));
    }

    private static int bits(Float a, Float b) {
        return Integer.compare(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b));
    }
}
