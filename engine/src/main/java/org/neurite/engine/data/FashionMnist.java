package org.neurite.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Zalando's Fashion-MNIST: 60,000 training and 10,000 test images of 28x28 grayscale pixels in
 * 10 classes, in the four IDX files of the original distribution (gzipped or not). The
 * project ships them in {@code examples/data/fashion-mnist}. The original MNIST digits use
 * the same file names and layout, so this loads them too.
 */
public final class FashionMnist {

    /** The class names, by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The number of classes. */
    public static final int NUM_CLASSES = 10;

    /**
     * The two parts of the dataset.
     *
     * @param train 60,000 samples
     * @param test 10,000 samples
     */
    public record Splits(Dataset train, Dataset test) {
    }

    private FashionMnist() {
    }

    /**
     * Loads both parts: features {@code [1, 28, 28]} scaled to {@code [0, 1]}, labels {@code 0..9}.
     *
     * @param folder the folder holding {@code train-images-idx3-ubyte.gz} and the other three files
     * @return the training and test sets
     * @throws IOException if a file is missing or cannot be read
     * @throws org.neurite.engine.io.FileFormatException if a file is malformed
     */
    public static Splits load(Path folder) throws IOException {
        return new Splits(loadTrain(folder), loadTest(folder));
    }

    /**
     * Loads the 60,000 training samples.
     *
     * @param folder the folder of the files
     * @return the training set
     * @throws IOException if a file is missing or cannot be read
     */
    public static Dataset loadTrain(Path folder) throws IOException {
        return IdxImageLabels.load(find(folder, "train-images-idx3-ubyte"), find(folder, "train-labels-idx1-ubyte"),
                NUM_CLASSES);
    }

    /**
     * Loads the 10,000 test samples.
     *
     * @param folder the folder of the files
     * @return the test set
     * @throws IOException if a file is missing or cannot be read
     */
    public static Dataset loadTest(Path folder) throws IOException {
        return IdxImageLabels.load(find(folder, "t10k-images-idx3-ubyte"), find(folder, "t10k-labels-idx1-ubyte"),
                NUM_CLASSES);
    }

    /** Finds {@code name.gz}, else {@code name}. */
    private static Path find(Path folder, String name) throws NoSuchFileException {
        Path gz = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = folder.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new NoSuchFileException(gz.toString(), null, "neither " + name + ".gz nor " + name + " is in " + folder);
    }
}
