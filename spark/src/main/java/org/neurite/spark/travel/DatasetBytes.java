package org.neurite.spark.travel;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.DatasetBuilder;
import org.neurite.engine.io.Safetensors;
import org.neurite.engine.io.TensorData;

/**
 * A data set as it travels: its inputs and targets as the bytes of a safetensors file (one tensor
 * {@code [samples, ...]} per input, named {@code input.<name>}, and {@code targets}), the number
 * of classes in the metadata. Built from any Neurite data source once it is loaded.
 *
 * @param safetensors the bytes
 */
public record DatasetBytes(byte[] safetensors) implements Serializable {

    private static final String INPUT = "input.";
    private static final String TARGETS = "targets";
    private static final String CLASSES = "num_classes";

    /**
     * @param data the data set
     * @return its bytes
     * @throws IllegalArgumentException for sequences padded per batch, which travel as such only from a path
     */
    public static DatasetBytes of(Dataset data) {
        if (data.paddedSteps() > 0) {
            throw new IllegalArgumentException("spark: sequences padded per batch cannot travel yet; pad them to"
                    + " one length in the data source");
        }
        int n = data.size();
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> input : data.inputShapes().entrySet()) {
            String name = input.getKey();
            int length = input.getValue().intSize();
            float[] rows = new float[n * length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(data.input(name, i), 0, rows, i * length, length);
            }
            tensors.put(INPUT + name, new TensorData(input.getValue().prepend(n), rows));
        }
        Shape target = data.targetShape();
        int length = target.intSize();
        float[] targets = new float[n * length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.target(i), 0, targets, i * length, length);
        }
        tensors.put(TARGETS, new TensorData(target.prepend(n), targets));
        Map<String, String> metadata = new LinkedHashMap<>();
        data.numClasses().ifPresent(c -> metadata.put(CLASSES, Integer.toString(c)));
        return new DatasetBytes(Safetensors.bytes(tensors, metadata));
    }

    /** @return the data set again */
    public Dataset toDataset() {
        Safetensors.Content content = Safetensors.read(safetensors, "training data");
        DatasetBuilder builder = Dataset.builder();
        TensorData targets = null;
        for (Map.Entry<String, TensorData> t : content.tensors().entrySet()) {
            if (t.getKey().startsWith(INPUT)) {
                builder.input(t.getKey().substring(INPUT.length()), t.getValue().values(), perSample(t.getValue()));
            } else if (t.getKey().equals(TARGETS)) {
                targets = t.getValue();
            }
        }
        if (targets == null) {
            throw new IllegalArgumentException("spark: the training data sent holds no targets");
        }
        String classes = content.metadata().get(CLASSES);
        if (classes != null) {
            builder.classes(targets.values(), perSample(targets), Integer.parseInt(classes));
        } else {
            builder.values(targets.values(), perSample(targets));
        }
        return builder.build();
    }

    private static Shape perSample(TensorData rows) {
        int[] dims = rows.shape().dims();
        return Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
    }
}
