package org.neurite.launcher.run;

import org.neurite.api.GradScope;
import org.neurite.api.Mode;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * {@code training.stop_at_zero_errors}: ends the run as soon as an epoch misclassified no
 * training sample, as the perceptron learning rule is run until it converges.
 *
 * <p>For a classifier with one score per class the count comes from the epoch's own accuracy,
 * measured on the outputs of the training passes before each update (so a perceptron epoch
 * without a mistake made no update). For a model with one output, such as a threshold unit, a
 * sample counts as misclassified when the output after the epoch is 0.5 or more away from its
 * target (outputs 0/1 for targets 0/1, or -1/1 for targets -1/1).
 */
public final class ZeroErrorStop implements TrainingListener {

    private final Dataset train;
    private long errors = -1;
    private int epoch;

    /**
     * @param train the training data whose errors are counted
     */
    public ZeroErrorStop(Dataset train) {
        this.train = train;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        epoch = result.epoch();
        errors = Double.isNaN(result.accuracy()) ? countErrors(trainer)
                : Math.round((1 - result.accuracy()) * train.size());
        if (errors == 0) {
            trainer.stop();
        }
    }

    private long countErrors(Trainer trainer) {
        long wrong = 0;
        DataLoader loader = DataLoader.of(train, CpuBackend.instance()).batchSize(Math.max(1, Math.min(train.size(), 1024)))
                .build();
        try (GradScope scope = CpuBackend.instance().noGrad()) {
            for (Batch batch : loader) {
                float[] out = Model.apply(trainer.model(), batch.inputs(), Mode.INFERENCE).toArray();
                float[] target = batch.targets().toArray();
                for (int i = 0; i < target.length; i++) {
                    if (!(Math.abs(out[i] - target[i]) < 0.5)) {
                        wrong++;
                    }
                }
            }
        }
        return wrong;
    }

    /** @return whether the last epoch misclassified no training sample */
    public boolean converged() {
        return errors == 0;
    }

    /** @return the training samples misclassified in the last epoch, or -1 before the first */
    public long errors() {
        return errors;
    }

    /**
     * @param epochs the epoch limit of the run
     * @return one line: the epoch it converged at, or that it did not and how many samples were wrong
     */
    public String verdict(int epochs) {
        return errors == 0
                ? "converged: no training sample misclassified in epoch " + epoch
                : "did not converge: " + errors + " of " + train.size() + " training samples still misclassified after "
                        + epoch + (epoch == epochs ? " epochs (the limit)" : " epochs");
    }
}
