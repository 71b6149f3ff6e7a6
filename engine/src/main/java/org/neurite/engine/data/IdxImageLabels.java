package org.neurite.engine.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

/**
 * Loads a classification dataset from a pair of IDX files as MNIST lays them out: an images
 * file {@code [n, rows, cols]} and a labels file {@code [n]} of class indices.
 *
 * <p>Each sample's features get PyTorch's image layout {@code [1, rows, cols]} (one channel),
 * which convolutions take directly and a flatten layer turns into {@code rows * cols} inputs.
 * Images of other ranks keep their per-sample dimensions as they are. Unsigned-byte pixels
 * are scaled from {@code 0..255} to {@code [0, 1]}; other types are taken as they are. The
 * dataset holds unsigned-byte images as the file's bytes and scales each batch as it is copied
 * out (the same floats, a quarter of the memory: 47 MB instead of 188 MB for Fashion-MNIST's
 * training images).
 */
public final class IdxImageLabels {

    private IdxImageLabels() {
    }

    /**
     * Loads images and labels.
     *
     * @param images the images file, gzipped or plain
     * @param labels the labels file, gzipped or plain
     * @param numClasses the number of classes; every label must lie in {@code [0, numClasses)}
     * @return the dataset
     * @throws IOException if a file cannot be read
     * @throws FileFormatException if a file is malformed, the labels file is not 1-D, the counts
     *     differ (naming both files) or a label is out of range (naming its byte)
     */
    public static Dataset load(Path images, Path labels, int numClasses) throws IOException {
        IdxData img = IdxReader.readKeepingBytes(images);
        IdxData lab = IdxReader.read(labels);
        if (img.shape().rank() < 2) {
            throw new FileFormatException(img.source(), "byte 3", "expected images of rank 2 or more"
                    + " ([count, ...]), found shape " + img.shape());
        }
        if (lab.shape().rank() != 1) {
            throw new FileFormatException(lab.source(), "byte 3", "expected labels of rank 1 ([count]), found shape "
                    + lab.shape());
        }
        if (img.count() != lab.count()) {
            throw new FileFormatException(lab.source(), "byte 4", "expected " + img.count() + " labels, one per image"
                    + " in " + img.source() + ", found " + lab.count());
        }
        float[] y = lab.values();
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0 && y[i] < numClasses && y[i] == Math.rint(y[i]))) {
                throw new FileFormatException(lab.source(), "byte " + (lab.dataOffset() + (long) i * lab.elementSize()),
                        "expected a class index in [0, " + numClasses + ") for sample " + i + ", found " + y[i]);
            }
        }
        Shape perImage = img.shape().dropFirst();
        Shape features = perImage.rank() == 2 ? perImage.prepend(1) : perImage;
        Rows x = img.unsignedBytes().map(bytes -> Rows.ofUnsignedBytes(bytes, 255f, features))
                .orElseGet(() -> new Rows(img.values(), features));
        return new Dataset(Map.of(Dataset.INPUT, x), new Rows(y, Shape.scalar()), numClasses);
    }
}
