package org.neurite.engine.train;

import org.neurite.api.GradScope;
import org.neurite.api.Layer;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;

/**
 * Measures a model on a data set: mean loss, and for classifiers accuracy, the confusion
 * matrix and per-class precision and recall. It runs in batches, in {@link Mode#INFERENCE},
 * without recording gradients.
 */
public final class Evaluator {

    private final Layer model;
    private final Loss loss;
    private final int batchSize;

    /**
     * @param model the model to measure
     * @param loss the loss to average, or {@code null} to measure classification only
     * @param batchSize samples per forward pass; 0 passes the whole set at once
     */
    public Evaluator(Layer model, Loss loss, int batchSize) {
        if (batchSize < 0) {
            throw new IllegalArgumentException("evaluator: batch size must be 0 (whole set) or positive, got " + batchSize);
        }
        this.model = model;
        this.loss = loss;
        this.batchSize = batchSize;
    }

    /**
     * Evaluates the model on a dataset.
     *
     * @param data the samples: class indices as targets for classifiers, or values of the
     *     model output's shape
     * @return the measures
     */
    public Evaluation evaluate(Dataset data) {
        int n = data.size();
        DataLoader loader = DataLoader.of(data, CpuBackend.instance()).batchSize(batchSize == 0 ? Math.max(n, 1) : batchSize)
                .build();
        RunningMeasures measures = new RunningMeasures();
        try (GradScope scope = CpuBackend.instance().noGrad()) {
            for (Batch batch : loader) {
                Tensor prediction = Model.apply(model, batch.inputs(), Mode.INFERENCE);
                double batchLoss = loss == null ? Double.NaN : loss.compute(prediction, batch.targets()).item();
                measures.add(batchLoss, prediction, batch.targets());
            }
        }
        return new Evaluation(n, measures.meanLoss(), measures.confusion(), measures.tokens());
    }

    /**
     * Evaluates the model on samples held in tensors.
     *
     * @param inputs the inputs, samples on the first axis
     * @param targets the targets, samples on the first axis: class indices {@code [n]} for
     *     classifiers, or values of the model output's shape
     * @return the measures
     */
    public Evaluation evaluate(Tensor inputs, Tensor targets) {
        return evaluate(Dataset.ofTensors("evaluate", inputs, targets));
    }
}
