package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.data.IdxReaderTest.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

class IdxImageLabelsTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void loadsImagesAsOneChannelScaledToUnitRange() throws IOException {
        Path images = write("img", idx(0x08, new int[] {2, 2, 2}, new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4}));
        Path labels = write("lab", idx(0x08, new int[] {2}, new byte[] {2, 0}));

        Dataset d = IdxImageLabels.load(images, labels, 3);

        assertThat(d.size()).isEqualTo(2);
        assertThat(d.featureShape()).isEqualTo(Shape.of(1, 2, 2));
        assertThat(d.features(0)).containsExactly(0f, 1f, 0.2f, 0.4f);
        assertThat(d.target(0)).containsExactly(2);
        assertThat(d.numClasses()).hasValue(3);
    }

    @Test
    void imagesHeldAsBytesGiveTheBatchesOfImagesHeldAsFloatsBitForBit() throws IOException {
        Path images = dir.resolve("img");
        Path labels = dir.resolve("lab");
        IdxTestImages.write(images, labels);
        Dataset bytes = IdxImageLabels.load(images, labels, 10);
        float[] scaled = IdxReader.read(images).values();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] /= 255f;
        }
        Dataset floats = Dataset.ofClasses(scaled, Shape.of(1, 4, 4), IdxReader.read(labels).values(), 10);

        assertThat(EpochBits.of(bytes)).isEqualTo(EpochBits.of(floats));
        assertThat(EpochBits.of(bytes.subset(5, 33))).isEqualTo(EpochBits.of(floats.subset(5, 33)));
        assertThat(EpochBits.of(bytes.subset(new int[] {7, 7, 0, 39}))).isEqualTo(EpochBits.of(floats.subset(new int[] {7, 7, 0, 39})));
        Dataset.Split a = bytes.split(0.75, new SplittableRandom(4));
        Dataset.Split b = floats.split(0.75, new SplittableRandom(4));
        assertThat(EpochBits.of(a.validation())).isEqualTo(EpochBits.of(b.validation()));
        UnaryOperator<float[]> centre = x -> {
            for (int i = 0; i < x.length; i++) {
                x[i] -= 0.5f;
            }
            return x;
        };
        assertThat(EpochBits.of(bytes.mapInput(Dataset.INPUT, centre))).isEqualTo(EpochBits.of(floats.mapInput(Dataset.INPUT, centre)));
        assertThat(bytes.features(39)).isEqualTo(floats.features(39));
    }

    @Test
    void refusesMismatchedCountsNamingBothFiles() throws IOException {
        Path images = write("img", idx(0x08, new int[] {3, 1, 1}, new byte[3]));
        Path labels = write("lab", idx(0x08, new int[] {2}, new byte[2]));

        assertThatThrownBy(() -> IdxImageLabels.load(images, labels, 10))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(labels + ": byte 4: expected 3 labels, one per image in " + images + ", found 2");
    }

    @Test
    void refusesLabelsOutsideTheClassesAndLabelFilesOfHigherRank() throws IOException {
        Path images = write("img", idx(0x08, new int[] {3, 1, 1}, new byte[3]));
        Path labels = write("lab", idx(0x08, new int[] {3}, new byte[] {1, 9, 10}));
        Path matrix = write("lab2", idx(0x08, new int[] {3, 1}, new byte[3]));

        assertThatThrownBy(() -> IdxImageLabels.load(images, labels, 10))
                .hasMessage(labels + ": byte 10: expected a class index in [0, 10) for sample 2, found 10.0");
        assertThatThrownBy(() -> IdxImageLabels.load(images, matrix, 10))
                .hasMessage(matrix + ": byte 3: expected labels of rank 1 ([count]), found shape [3, 1]");
        assertThatThrownBy(() -> IdxImageLabels.load(labels, labels, 10))
                .hasMessage(labels + ": byte 3: expected images of rank 2 or more ([count, ...]), found shape [3]");
    }
}
