package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.data.IdxReaderTest.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
