package org.neurite.engine.inference;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.ModelFile;
import org.neurite.engine.kernel.PackedWeights;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;

/**
 * A trained classifier ready for prediction: the network with its weights, the pre-processing
 * its inputs get and the names of its classes, all read from a saved model.
 *
 * <pre>{@code
 * Predictor model = Predictor.load(Path.of("runs/fashion-mlp-20260101-120000"));
 * Prediction p = model.predict(pixels);          // 784 raw values, scaled as in training
 * System.out.println(p.name() + " " + p.probability());
 * }</pre>
 *
 * <p>Prediction runs the network in inference mode with no gradient recorded, and touches no
 * shared mutable state, so one model serves any number of threads at once.
 */
public final class Predictor {

    /** The key of the class names in a model file. */
    public static final String CLASS_NAMES = "class_names";
    /** The model file a run folder holds. */
    public static final String FILE_IN_RUN_FOLDER = "model.json";

    private final ClassifierNetwork network;
    private final Shape inputShape;
    private final Preprocessing preprocessing;
    private final int features;
    private final RawInputs rawInputs;
    /** The fewest inputs worth a thread of their own when copying inputs or scoring outputs. */
    private static final int ROWS_PER_CHUNK = 64;

    private Predictor(Model network, Preprocessing preprocessing, List<String> classNames, String loss, String source) {
        this.network = new ClassifierNetwork(network, classNames, loss, source);
        this.inputShape = this.network.inputShape();
        this.preprocessing = preprocessing;
        this.features = inputShape.intSize();
        this.rawInputs = new RawInputs(inputShape);
    }

    /**
     * Wraps a model built or trained in this program. Its weights are taken as final: layers
     * prepare them for the matrix products once (see {@link PackedWeights}), so a model trained
     * further afterwards needs a new predictor.
     *
     * @param network the network, with its weights
     * @param preprocessing what raw inputs go through
     * @param classNames the names of the classes in index order, or {@code null}
     * @param loss the name of the loss it was trained with ({@code null} for {@code cross_entropy})
     * @return the model
     * @throws IllegalArgumentException if the loss is not a classifier's or the names do not fit the outputs
     */
    public static Predictor of(Model network, Preprocessing preprocessing, List<String> classNames, String loss) {
        return new Predictor(network, preprocessing, classNames, loss, "model");
    }

    /**
     * Loads a model with the engine's built-in components.
     *
     * @param path a run folder (holding {@code model.json}) or a model's JSON file
     * @return the model
     * @throws NoSuchFileException if the folder has no {@code model.json}, or a file is missing,
     *     naming the file
     * @throws IOException if a file cannot be read
     * @throws FileFormatException if a file is malformed or names a component that is not
     *     registered (naming it)
     */
    public static Predictor load(Path path) throws IOException {
        return load(path, Components.builtIns());
    }

    /**
     * Loads a model, looking up the layer types it names in {@code components} (built-ins and plugins).
     *
     * @param path a run folder or a model's JSON file
     * @param components where layer types are looked up
     * @return the model
     * @throws IOException as {@link #load(Path)} says
     */
    public static Predictor load(Path path, Components components) throws IOException {
        Path file = SavedModel.modelFile(path);
        String source = file.toString();
        ModelFile.Loaded loaded = SavedModel.read(file, components);
        try {
            return new Predictor(loaded.model(), Preprocessing.fromJson(loaded.info().get(Preprocessing.KEY), source),
                    SavedModel.classNames(loaded.info().get(CLASS_NAMES), source), ClassScores.lossName(loaded.info()),
                    source);
        } catch (FileFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source, "model", e.getMessage(), e);
        }
    }

    /**
     * Saves a model with what prediction needs: pre-processing, class names and loss.
     *
     * @param file the JSON file to write (the weights go beside it)
     * @param network the network
     * @param preprocessing what raw inputs go through
     * @param classNames the names of the classes, or {@code null}
     * @param loss the name of the loss it was trained with
     * @throws IOException if writing fails
     */
    public static void save(Path file, Model network, Preprocessing preprocessing, List<String> classNames,
            String loss) throws IOException {
        SavedModel.save(file, network, preprocessing, classNames, loss);
    }

    /** @return the shape of one input, such as {@code [1, 28, 28]} */
    public Shape inputShape() {
        return inputShape;
    }

    /** @return the class names in index order, or {@code null} if the model has none */
    public List<String> classNames() {
        return network.classNames();
    }

    /** @return the pre-processing applied to raw inputs */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** @return the network */
    public Model network() {
        return network.network();
    }

    /**
     * Predicts the class of one raw input.
     *
     * @param input the input's values in row-major order, {@code inputShape().size()} of them
     * @return the prediction
     * @throws IllegalArgumentException if the input has the wrong length or a value that is not finite
     */
    public Prediction predict(float[] input) {
        rawInputs.check(input, "input");
        float[] values = new float[features];
        preprocessing.applyInto(input, values, 0);
        return forward(values, 1).get(0);
    }

    /**
     * Predicts the classes of several raw inputs in one batch.
     *
     * @param inputs the inputs, each {@code inputShape().size()} values long
     * @return one prediction per input, in order
     * @throws IllegalArgumentException if an input has the wrong length or a value that is not
     *     finite (naming its index)
     */
    public List<Prediction> predictBatch(float[][] inputs) {
        rawInputs.checkRows(inputs);
        Prediction[] predictions = new Prediction[inputs.length];
        // Samples are independent in inference, so the batch splits into one part per thread, each
        // copied, pre-processed and run through the whole network on its thread: no hand-off
        // between threads inside a layer, and each part's activations stay in that core's caches.
        Parallel.forRange(inputs.length, ROWS_PER_CHUNK, (start, end) -> {
            float[] values = new float[(end - start) * features];
            for (int i = start; i < end; i++) {
                int at = (i - start) * features;
                // Checked as they are written: the raw row is read again only to name a value that is not finite.
                if (!preprocessing.applyIntoFinite(inputs[i], values, at)) {
                    RawInputs.checkFinite(inputs[i], i);
                }
            }
            network.predictInto(values, end - start, predictions, start);
        });
        return Arrays.asList(predictions);
    }

    /**
     * Predicts from a tensor of raw inputs: one input of {@code inputShape()} or a batch of
     * shape {@code [batch, ...inputShape()]}.
     *
     * @param inputs the tensor
     * @return one prediction per input
     * @throws IllegalArgumentException if the shape is neither, or a value is not finite
     */
    public List<Prediction> predict(Tensor inputs) {
        Shape shape = RawInputs.given(inputs, "input tensor").shape();
        Shape one = inputShape;
        int batch;
        if (shape.equals(one)) {
            batch = 1;
        } else if (shape.rank() == one.rank() + 1 && shape.dropFirst().equals(one)) {
            batch = shape.dim(0);
        } else {
            throw new IllegalArgumentException("input tensor of shape " + shape + ": expected " + one + " or [batch, "
                    + one.toString().substring(1));
        }
        float[] values = inputs.toArray();
        RawInputs.checkFinite(values, "input tensor (flattened)");
        return run(values, batch);
    }

    /**
     * Predicts the class of an image file (PNG, JPEG, GIF or BMP). Its pixels (0 to 255, grey or
     * RGB as the model's input has 1 or 3 channels) go through the model's pre-processing, as
     * raw inputs do.
     *
     * @param file the image
     * @return the prediction
     * @throws IOException if the file is missing or cannot be read
     * @throws IllegalArgumentException if it is not an image, its size is not the model's, or
     *     the model's input is not an image
     */
    public Prediction predictImage(Path file) throws IOException {
        return run(new ImageInput(inputShape).read(RawInputs.given(file, "image file")), 1).get(0);
    }

    /**
     * Predicts the classes of several image files in one batch.
     *
     * @param files the images
     * @return one prediction per file, in order
     * @throws IOException if a file is missing or cannot be read
     * @throws IllegalArgumentException as {@link #predictImage(Path)} says, naming the file
     */
    public List<Prediction> predictImages(List<Path> files) throws IOException {
        ImageInput images = new ImageInput(inputShape);
        float[] values = new float[RawInputs.given(files, "image files").size() * features];
        for (int i = 0; i < files.size(); i++) {
            float[] image = images.read(RawInputs.given(files.get(i), "image files[" + i + "]"));
            System.arraycopy(image, 0, values, i * features, features);
        }
        return run(values, files.size());
    }

    /**
     * Predicts from one CSV row of raw numbers (no label column).
     *
     * @param row such as {@code 0,12,255,...}
     * @return the prediction
     * @throws IllegalArgumentException if a field is not a number or the count is wrong
     */
    public Prediction predictCsv(String row) {
        return predict(InputRows.csv(RawInputs.given(row, "CSV row"), features));
    }

    /**
     * Predicts from one JSON row: an array of raw numbers.
     *
     * @param row such as {@code [0, 12, 255, ...]}
     * @return the prediction
     * @throws IllegalArgumentException if the row is not an array of numbers or the count is wrong
     */
    public Prediction predictJson(String row) {
        return predict(InputRows.json(RawInputs.given(row, "JSON row"), features));
    }

    /** Pre-processes raw values in place (they are this call's own copy), then predicts. */
    private List<Prediction> run(float[] values, int batch) {
        preprocessing.apply(values, features);
        return forward(values, batch);
    }

    /** Predicts from pre-processed values, which are this call's own. */
    private List<Prediction> forward(float[] values, int batch) {
        Prediction[] predictions = new Prediction[batch];
        network.predictInto(values, batch, predictions, 0);
        return Arrays.asList(predictions);
    }

    /**
     * Reads the class names a model file holds.
     *
     * @param info the model file's entries beyond the format's own ({@link ModelFile.Loaded#info()})
     * @param source the file, for messages
     * @return the names in index order, or {@code null} when it holds none
     * @throws FileFormatException if the entry is not a list of strings
     */
    public static List<String> classNamesOf(Map<String, Object> info, String source) {
        return SavedModel.classNames(info.get(CLASS_NAMES), source);
    }

    @Override
    public String toString() {
        List<String> names = network.classNames();
        return "Predictor(input " + inputShape + ", " + network.classes() + " classes"
                + (names == null ? "" : " " + Arrays.toString(names.toArray())) + ")";
    }
}
