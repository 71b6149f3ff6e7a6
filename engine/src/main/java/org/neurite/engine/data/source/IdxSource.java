package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.neurite.api.DataSource;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.IdxData;
import org.neurite.engine.data.IdxReader;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.io.FileFormatException;

/**
 * Images and labels in a pair of IDX files, as MNIST lays them out (gzipped or plain): one
 * input of each image's own shape (such as {@code [28, 28]}), one label per image. Values are
 * divided by the scale: by default 255 for unsigned bytes, else 1. Unsigned bytes stay the file's
 * bytes in the samples ({@link SampleSet.Column#ofUnsignedBytes}), divided as they are copied out.
 */
public final class IdxSource implements DataSource {

    private final Path images;
    private final Path labels;
    private final Double scale;

    /**
     * @param images the images file
     * @param labels the labels file
     * @param scale the divisor, or {@code null} for the default
     */
    public IdxSource(Path images, Path labels, Double scale) {
        this.images = images;
        this.labels = labels;
        this.scale = scale;
    }

    @Override
    public SampleSet read() throws IOException {
        IdxData x = IdxReader.readKeepingBytes(images);
        IdxData y = IdxReader.read(labels);
        requireImages(x);
        if (y.shape().rank() != 1 || y.count() != x.count()) {
            throw new FileFormatException(y.source(), "byte 3", "expected " + x.count() + " labels ([count]),"
                    + " one per image in " + x.source() + ", found shape " + y.shape());
        }
        return samples(x, y.values());
    }

    /**
     * Reads an images file alone, for prediction.
     *
     * @param file the file
     * @param scale the divisor, or {@code null} for the default
     * @return the images, one sample each, labels all 0
     * @throws IOException if the file cannot be read
     */
    public static SampleSet images(Path file, Double scale) throws IOException {
        IdxData x = IdxReader.readKeepingBytes(file);
        requireImages(x);
        return new IdxSource(file, null, scale).samples(x, new float[x.count()]);
    }

    private static void requireImages(IdxData images) {
        if (images.shape().rank() < 2) {
            throw new FileFormatException(images.source(), "byte 3", "expected images of rank 2 or more ([count, ...]),"
                    + " found shape " + images.shape());
        }
    }

    /**
     * One input and one label each, whether a class or a value is for the model to say; the scale
     * goes with them. Unsigned bytes stay bytes, divided as each batch is copied out: the floats
     * that dividing them here would give, in a quarter of the memory.
     */
    private SampleSet samples(IdxData x, float[] labelValues) {
        Shape image = x.shape().dropFirst();
        double divisor = scale != null ? scale : x.type() == IdxData.UBYTE ? 255 : 1;
        float d = (float) divisor;
        // a scale below the smallest float (0 as a float) divides floats as before, to infinities
        Optional<byte[]> bytes = x.unsignedBytes().filter(b -> d > 0);
        SampleSet.Column column = bytes.isPresent() ? SampleSet.Column.ofUnsignedBytes(bytes.get(), d, image)
                : new SampleSet.Column(divided(x.values(), divisor), image);
        return SampleSet.of(x.source(), Map.of(Dataset.INPUT, column), new SampleSet.Column(labelValues, Shape.scalar()),
                0, Map.of(Preprocessing.KEY, Preprocessing.scale(divisor).toJson()));
    }

    private static float[] divided(float[] values, double divisor) {
        if (divisor != 1) {
            float d = (float) divisor;
            for (int i = 0; i < values.length; i++) {
                values[i] /= d;
            }
        }
        return values;
    }
}
