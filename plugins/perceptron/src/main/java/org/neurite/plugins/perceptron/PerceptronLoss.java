package org.neurite.plugins.perceptron;

import org.neurite.api.Loss;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * The loss that drives Rosenblatt's learning rule. It takes the 0/1 decisions {@code ŷ} of a
 * {@code perceptron} (or {@code mcculloch_pitts}) layer and 0/1 targets {@code y}, and is
 * {@code sum((ŷ - y)²) / batch}: the number of wrong decisions per sample, so an epoch's loss is
 * its error rate and 0 means every sample was classified right. Its gradient with respect to
 * {@code ŷ} is {@code (ŷ - y) / batch} (the error, not twice it as for a squared error): zero on a
 * right decision, and, for one sample, exactly {@code ŷ - y}.
 *
 * <p>Targets are {@code [batch]} labels for a single unit, or of the prediction's shape.
 */
final class PerceptronLoss implements Loss {

    static final String NAME = "perceptron";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        Shape p = prediction.shape();
        Shape t = target.shape();
        boolean labelsForOneUnit = p.rank() == 2 && p.dim(1) == 1 && t.rank() == 1 && t.dim(0) == p.dim(0);
        if ((!p.equals(t) && !labelsForOneUnit) || p.rank() == 0) {
            throw new ShapeMismatchException(NAME + ": prediction " + p + " and target " + t + " do not fit: expected"
                    + " targets of the prediction's shape, or labels [batch] for a single unit [batch, 1]");
        }
        Tensor y = labelsForOneUnit ? target.reshape(p.dims()) : target;
        requireBinary(prediction.toArray(), p, "prediction",
                "a 0 or 1 decision of a perceptron or mcculloch_pitts layer");
        requireBinary(y.toArray(), p, "target", "a label 0 or 1");
        Tensor error = prediction.sub(y);
        // error.detach() * error: the value is error², the gradient the error itself.
        return error.detach().mul(error).sum().div(p.dim(0));
    }

    private static void requireBinary(float[] values, Shape shape, String what, String expected) {
        int bad = BinaryValues.firstNonBinary(values);
        if (bad >= 0) {
            int columns = shape.rank() == 1 ? 1 : (int) (shape.size() / shape.dim(0));
            throw new IllegalArgumentException(NAME + ": " + what + " " + values[bad] + " at "
                    + BinaryValues.position(bad, columns, "unit") + " is not " + expected);
        }
    }
}
