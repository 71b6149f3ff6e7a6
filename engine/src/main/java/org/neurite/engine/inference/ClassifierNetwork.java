package org.neurite.engine.inference;

import java.util.List;
import java.util.Map;

import org.neurite.api.Backend;
import org.neurite.api.GradScope;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.kernel.PackedWeights;
import org.neurite.engine.nn.Model;
import org.neurite.engine.tensor.CpuTensor;

/**
 * A {@link Predictor}'s network and what reads its outputs: runs pre-processed inputs through
 * the network in inference mode with no gradient recorded, each dense layer's weight packed for
 * the GEMM once, and turns each input's outputs into a {@link Prediction}. Holds nothing that
 * changes between calls but the packed weights, which any number of threads share.
 */
final class ClassifierNetwork {

    private final Model network;
    private final String inputName;
    private final Shape inputShape;
    private final int outputs;
    private final ClassScores scores;
    private final List<String> classNames;
    private final Backend backend = CpuBackend.instance();
    /** The weights packed for the GEMM on first use, which the model's fixed weights allow. */
    private final PackedWeights packedWeights = new PackedWeights();

    /**
     * @throws IllegalArgumentException if the network has more than one input, the loss is not a
     *     classifier's or the class names do not fit the outputs
     */
    ClassifierNetwork(Model network, List<String> classNames, String loss, String source) {
        if (network.inputShapes().size() != 1) {
            throw new IllegalArgumentException(source + ": prediction takes a model with one input, but this one has "
                    + network.inputShapes().keySet());
        }
        this.network = network;
        this.inputName = network.inputShapes().keySet().iterator().next();
        this.inputShape = network.inputShapes().get(inputName);
        this.outputs = network.outputShape().intSize();
        this.scores = ClassScores.of(loss, outputs, source);
        if (classNames != null && classNames.size() != classes()) {
            throw new IllegalArgumentException(source + ": " + classNames.size() + " class names for "
                    + classes() + " classes");
        }
        this.classNames = classNames == null ? null : List.copyOf(classNames);
    }

    Model network() {
        return network;
    }

    /** @return the shape of one input */
    Shape inputShape() {
        return inputShape;
    }

    /** @return the class names in index order, or {@code null} */
    List<String> classNames() {
        return classNames;
    }

    /** @return the number of classes */
    int classes() {
        return scores.classes(outputs);
    }

    /**
     * Runs the network on pre-processed values (this call's own: wrapped, not copied) and writes
     * one prediction per input into {@code predictions} from {@code at}.
     */
    void predictInto(float[] values, int batch, Prediction[] predictions, int at) {
        float[] out;
        try (GradScope ignored = backend.noGrad(); PackedWeights.Scope packed = packedWeights.open()) {
            Tensor x = CpuTensor.wrap(values, inputShape.prepend(batch));
            out = network.forward(Map.of(inputName, x), Mode.INFERENCE).toArray();
        }
        if (out.length != batch * outputs) {
            throw new IllegalStateException("the network gave " + out.length + " outputs for " + batch + " inputs, expected "
                    + batch * outputs);
        }
        for (int b = 0; b < batch; b++) {
            predictions[at + b] = predictionOf(out, b);
        }
    }

    /** The prediction from the outputs of input {@code b} of a batch. */
    private Prediction predictionOf(float[] out, int b) {
        float[] p = scores.probabilities(out, b * outputs, outputs);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return new Prediction(best, classNames == null ? null : classNames.get(best), p);
    }
}
