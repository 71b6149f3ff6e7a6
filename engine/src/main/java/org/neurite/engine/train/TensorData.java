package org.neurite.engine.train;

import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.data.Dataset;

/** Turns samples held in two tensors into a {@link Dataset}, for the trainer's and evaluator's tensor entry points. */
final class TensorData {

    private TensorData() {
    }

    /**
     * @param what what the data is for, for the error message, such as {@code training data}
     * @param inputs the inputs, samples on the first axis
     * @param targets the targets, samples on the first axis
     * @return the samples as a dataset (of values: class labels stay floats of shape {@code []})
     * @throws ShapeMismatchException if the tensors do not hold equally many samples
     */
    static Dataset of(String what, Tensor inputs, Tensor targets) {
        if (inputs.rank() == 0 || targets.rank() == 0 || inputs.dim(0) != targets.dim(0)) {
            throw new ShapeMismatchException(what + ": inputs " + inputs.shape() + " and targets " + targets.shape()
                    + " must both have the samples on their first axis, equally many");
        }
        return Dataset.ofValues(inputs.toArray(), inputs.shape().dropFirst(), targets.toArray(), targets.shape().dropFirst());
    }
}
