package org.neurite.spark.barrier;

import java.io.Serializable;

import org.neurite.engine.train.EpochResult;

/**
 * One epoch's figures as a worker of a barrier run sends them back: an {@link EpochResult} in a
 * form that travels.
 *
 * @param epoch the epoch, from 1
 * @param loss the mean training loss
 * @param accuracy the training accuracy, or NaN
 * @param validationLoss the validation loss, or NaN without validation data
 * @param validationAccuracy the validation accuracy, or NaN
 * @param seconds the wall time of the epoch's training loop
 * @param learningRate the learning rate of the epoch's last update
 */
public record EpochFigures(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy,
                           double seconds, double learningRate) implements Serializable {

    /**
     * @param result an epoch's result
     * @return its figures
     */
    public static EpochFigures of(EpochResult result) {
        return new EpochFigures(result.epoch(), result.loss(), result.accuracy(), result.validationLoss(),
                result.validationAccuracy(), result.seconds(), result.learningRate());
    }

    /** @return the epoch's result again */
    public EpochResult toResult() {
        return new EpochResult(epoch, loss, accuracy, validationLoss, validationAccuracy, seconds, learningRate);
    }
}
