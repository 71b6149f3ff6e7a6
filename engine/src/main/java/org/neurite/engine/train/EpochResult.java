package org.neurite.engine.train;

/**
 * What one epoch of training gave. Measures that were not taken are {@code NaN}: accuracies
 * when the targets are not class labels, validation figures when there is no validation data.
 *
 * @param epoch the epoch, counted from 1
 * @param loss the mean training loss over the epoch's samples
 * @param accuracy the fraction of training samples whose arg-max prediction matched the label
 *     (measured on the outputs of the training passes, before each update, as PyTorch scripts do)
 * @param validationLoss the mean loss on the validation data after the epoch
 * @param validationAccuracy the accuracy on the validation data after the epoch
 * @param seconds the wall time of the epoch's training loop, without validation
 * @param learningRate the learning rate of the epoch's last update
 */
public record EpochResult(int epoch, double loss, double accuracy, double validationLoss,
                          double validationAccuracy, double seconds, double learningRate) {

    /** @return whether validation figures were measured */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
