package org.neurite.engine.data;

import static org.neurite.engine.data.IdxReaderTest.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small IDX pair for tests of images held as bytes: 40 images of 4x4 covering every byte value, labels 0..9. */
public final class IdxTestImages {

    /** The number of images. */
    public static final int COUNT = 40;

    private IdxTestImages() {
    }

    /**
     * @param images where the images file goes
     * @param labels where the labels file goes
     * @throws IOException if a file cannot be written
     */
    public static void write(Path images, Path labels) throws IOException {
        byte[] pixels = new byte[COUNT * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        byte[] classes = new byte[COUNT];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (byte) (i % 10);
        }
        Files.write(images, idx(0x08, new int[] {COUNT, 4, 4}, pixels));
        Files.write(labels, idx(0x08, new int[] {COUNT}, classes));
    }
}
