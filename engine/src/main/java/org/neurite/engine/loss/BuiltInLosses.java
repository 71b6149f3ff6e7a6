package org.neurite.engine.loss;

import java.util.List;

import org.neurite.api.LossProvider;

/** The engine's built-in {@link LossProvider}s. */
public final class BuiltInLosses {

    private BuiltInLosses() {
    }

    /** @return every built-in provider of this kind */
    public static List<LossProvider> providers() {
        return List.of(
                new FixedLossProvider("mse",
                        "Mean squared error over all elements; the target has the prediction's shape.",
                        MeanSquaredError::new),
                new FixedLossProvider("mae",
                        "Mean absolute error (L1) over all elements; the target has the prediction's shape.",
                        MeanAbsoluteError::new),
                new HuberLossProvider(),
                new FixedLossProvider("binary_cross_entropy",
                        "Binary cross-entropy of probabilities in [0, 1] against targets in [0, 1]; logs clamped at -100.",
                        BinaryCrossEntropy::new),
                new FixedLossProvider("binary_cross_entropy_with_logits",
                        "Binary cross-entropy of sigmoid(score) against targets in [0, 1], computed stably from raw scores.",
                        BinaryCrossEntropyWithLogits::new),
                new CrossEntropyProvider(),
                new FixedLossProvider("nll",
                        "Negative log-likelihood of log-probabilities [batch, (time,) classes] at class indices [batch, (time)];"
                                + " targets of -100 are ignored.",
                        NegativeLogLikelihood::new),
                new FixedLossProvider("hinge",
                        "Binary hinge loss max(0, 1 - t * score) for labels t of -1 or 1 (0 is read as -1).",
                        HingeLoss::new));
    }
}
