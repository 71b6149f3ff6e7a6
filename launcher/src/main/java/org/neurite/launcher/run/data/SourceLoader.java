package org.neurite.launcher.run.data;

import java.io.IOException;
import java.util.SplittableRandom;

import org.neurite.engine.data.CsvReader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.IdxData;
import org.neurite.engine.data.IdxReader;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.io.FileFormatException;
import org.neurite.launcher.config.SourceConfig;

/** Reads the samples of a configured data source: IDX files, a CSV file, or a generated set. */
public final class SourceLoader {

    private SourceLoader() {
    }

    /**
     * @param source the source; not a {@link SourceConfig.Split}, which takes from the training data
     * @return its samples
     * @throws IOException if a file cannot be read
     * @throws FileFormatException if a file is malformed, naming it and the place
     */
    public static Samples load(SourceConfig source) throws IOException {
        if (source instanceof SourceConfig.Idx idx) {
            return idx(idx);
        }
        if (source instanceof SourceConfig.Csv csv) {
            CsvReader reader = CsvReader.csv().header(csv.header()).delimiter(csv.delimiter()).values();
            reader = csv.labelName() != null ? reader.labelColumn(csv.labelName()) : reader.labelColumn(csv.labelIndex());
            return Samples.of(csv.file().toString(), reader.read(csv.file()));
        }
        if (source instanceof SourceConfig.Synthetic s) {
            SplittableRandom random = new SplittableRandom(s.seed());
            String what = "synthetic " + s.name();
            return switch (s.name()) {
                case "spirals" -> Samples.of(what, SyntheticData.spirals(s.samples(), s.noise(), random));
                case "blobs" -> Samples.of(what, SyntheticData.blobs(s.samples(), s.classes(), s.dims(), s.noise(), random));
                default -> Samples.of(what, TruthTables.of(s.name()));
            };
        }
        throw new IllegalArgumentException(source.path() + ": a split is taken from the training data, not loaded");
    }

    /**
     * Loads a source whose samples have several named inputs, as a model graph takes them.
     *
     * @param source a source
     * @return its dataset, or {@code null} if the source gives one unnamed input (see {@link #load})
     */
    public static Dataset named(SourceConfig source) {
        if (source instanceof SourceConfig.Synthetic s && s.name().equals("masked_majority")) {
            return SyntheticData.maskedMajority(s.samples(), s.dims(), new SplittableRandom(s.seed()));
        }
        return null;
    }

    /**
     * Reads an images file and a labels file; values are divided by the scale (by default 255
     * for unsigned bytes, else 1).
     *
     * @param source the files and scale
     * @return the samples, with each image's own shape (such as {@code [28, 28]})
     * @throws IOException if a file cannot be read
     */
    public static Samples idx(SourceConfig.Idx source) throws IOException {
        IdxData images = IdxReader.read(source.images());
        IdxData labels = IdxReader.read(source.labels());
        if (images.shape().rank() < 2) {
            throw new FileFormatException(images.source(), "byte 3", "expected images of rank 2 or more ([count, ...]),"
                    + " found shape " + images.shape());
        }
        if (labels.shape().rank() != 1 || labels.count() != images.count()) {
            throw new FileFormatException(labels.source(), "byte 3", "expected " + images.count() + " labels ([count]),"
                    + " one per image in " + images.source() + ", found shape " + labels.shape());
        }
        return new Samples(images.source(), scaled(images, source.scale()), images.shape().dropFirst(), labels.values());
    }

    /**
     * Reads an images file alone, for prediction.
     *
     * @param file the file
     * @param scale the divisor, or {@code null} for the default
     * @return the images, one sample each, labels all 0
     * @throws IOException if the file cannot be read
     */
    public static Samples images(java.nio.file.Path file, Double scale) throws IOException {
        IdxData images = IdxReader.read(file);
        if (images.shape().rank() < 2) {
            throw new FileFormatException(images.source(), "byte 3", "expected rank 2 or more ([count, ...]),"
                    + " found shape " + images.shape());
        }
        return new Samples(images.source(), scaled(images, scale), images.shape().dropFirst(), new float[images.count()]);
    }

    private static float[] scaled(IdxData data, Double scale) {
        float[] x = data.values();
        double divisor = scale != null ? scale : data.type() == IdxData.UBYTE ? 255 : 1;
        if (divisor != 1) {
            float d = (float) divisor;
            for (int i = 0; i < x.length; i++) {
                x[i] /= d;
            }
        }
        return x;
    }
}
