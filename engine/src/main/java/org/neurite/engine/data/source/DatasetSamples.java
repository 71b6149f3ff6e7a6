package org.neurite.engine.data.source;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.SampleSet;
import org.neurite.engine.data.Dataset;

/** A dataset's samples as a {@link SampleSet}: its inputs by name, its targets (classes or values). */
final class DatasetSamples {

    private DatasetSamples() {
    }

    /**
     * @param source what the samples were read from, for messages
     * @param data the dataset
     * @return its samples; one label per sample is left for the model to read as a class or a value
     */
    static SampleSet of(String source, Dataset data) {
        return of(source, data, Map.of());
    }

    /**
     * @param source what the samples were read from, for messages
     * @param data the dataset
     * @param info what else the samples carry (such as class names)
     * @return its samples, as {@link #of(String, Dataset)}
     */
    static SampleSet of(String source, Dataset data, Map<String, ?> info) {
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
}
