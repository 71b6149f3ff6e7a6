package org.neurite.launcher.run.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.CsvReader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.IdxData;
import org.neurite.engine.data.IdxReader;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.inference.Predictor;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.io.FileFormatException;
import org.neurite.launcher.config.SourceConfig;

/** Reads the samples of a configured data source: IDX files, a CSV file, a generated set, or a provider's format. */
public final class SourceLoader {

    private SourceLoader() {
    }

    /**
     * @param source the source; not a {@link SourceConfig.Split}, which takes from the training data
     * @return its samples
     * @throws IOException if a file cannot be read
     * @throws FileFormatException if a file is malformed, naming it and the place
     */
    public static SampleSet load(SourceConfig source) throws IOException {
        if (source instanceof SourceConfig.Provided p) {
            return p.source().read();
        }
        if (source instanceof SourceConfig.Idx idx) {
            return idx(idx);
        }
        if (source instanceof SourceConfig.Csv csv) {
            CsvReader reader = CsvReader.csv().header(csv.header()).delimiter(csv.delimiter()).values();
            reader = csv.labelName() != null ? reader.labelColumn(csv.labelName()) : reader.labelColumn(csv.labelIndex());
            CsvReader.Labelled read = reader.readLabelled(csv.file());
            return of(csv.file().toString(), read.data(), read.classNames() == null ? Map.of()
                    : Map.of(Predictor.CLASS_NAMES, read.classNames()));
        }
        if (source instanceof SourceConfig.Synthetic s) {
            SplittableRandom random = new SplittableRandom(s.seed());
            String what = "synthetic " + s.name();
            return switch (s.name()) {
                case "spirals" -> of(what, SyntheticData.spirals(s.samples(), s.noise(), random), Map.of());
                case "blobs" -> of(what, SyntheticData.blobs(s.samples(), s.classes(), s.dims(), s.noise(), random),
                        Map.of());
                case "masked_majority" -> of(what, SyntheticData.maskedMajority(s.samples(), s.dims(), random), Map.of());
                default -> of(what, TruthTables.of(s.name()), Map.of());
            };
        }
        throw new IllegalArgumentException(source.path() + ": a split is taken from the training data, not loaded");
    }

    /**
     * Reads an images file and a labels file; values are divided by the scale (by default 255
     * for unsigned bytes, else 1).
     *
     * @param source the files and scale
     * @return the samples, with each image's own shape (such as {@code [28, 28]})
     * @throws IOException if a file cannot be read
     */
    public static SampleSet idx(SourceConfig.Idx source) throws IOException {
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
        double divisor = divisor(images, source.scale());
        return of(images.source(), scaled(images, divisor), images.shape().dropFirst(), labels.values(),
                Map.of(Preprocessing.KEY, Preprocessing.scale(divisor).toJson()));
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
        IdxData images = IdxReader.read(file);
        if (images.shape().rank() < 2) {
            throw new FileFormatException(images.source(), "byte 3", "expected rank 2 or more ([count, ...]),"
                    + " found shape " + images.shape());
        }
        double divisor = divisor(images, scale);
        return of(images.source(), scaled(images, divisor), images.shape().dropFirst(), new float[images.count()],
                Map.of(Preprocessing.KEY, Preprocessing.scale(divisor).toJson()));
    }

    /** Samples of one input and one label each, whether a class or a value is for the model to say. */
    private static SampleSet of(String source, float[] features, Shape shape, float[] labels, Map<String, ?> info) {
        return SampleSet.of(source, Map.of(Dataset.INPUT, new SampleSet.Column(features, shape)),
                new SampleSet.Column(labels, Shape.scalar()), 0, info);
    }

    /** A generated or CSV dataset's samples: its inputs by name, its targets (a class or value each, for the model to say). */
    private static SampleSet of(String source, Dataset data, Map<String, ?> info) {
        int n = data.size();
        Map<String, SampleSet.Column> inputs = new LinkedHashMap<>();
        data.inputShapes().forEach((name, shape) -> {
            float[] values = new float[n * shape.intSize()];
            for (int i = 0; i < n; i++) {
                System.arraycopy(data.input(name, i), 0, values, i * shape.intSize(), shape.intSize());
            }
            inputs.put(name, new SampleSet.Column(values, shape));
        });
        int length = data.targetShape().intSize();
        float[] targets = new float[n * length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.target(i), 0, targets, i * length, length);
        }
        return SampleSet.of(source, inputs, new SampleSet.Column(targets, data.targetShape()),
                data.hasStepTargets() ? data.numClasses().getAsInt() : 0, info);
    }

    /** @return the given scale, or by default 255 for unsigned bytes, else 1 */
    private static double divisor(IdxData data, Double scale) {
        return scale != null ? scale : data.type() == IdxData.UBYTE ? 255 : 1;
    }

    private static float[] scaled(IdxData data, double divisor) {
        float[] x = data.values();
        if (divisor != 1) {
            float d = (float) divisor;
            for (int i = 0; i < x.length; i++) {
                x[i] /= d;
            }
        }
        return x;
    }
}
