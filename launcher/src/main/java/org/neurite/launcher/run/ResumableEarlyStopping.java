package org.neurite.launcher.run;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.neurite.engine.train.EarlyStopping;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;

/**
 * The engine's {@link EarlyStopping} in a run that may resume: its state (the best value and
 * the epochs since) depends only on the monitored values, so replaying the epochs before a
 * checkpoint rebuilds it exactly.
 */
public final class ResumableEarlyStopping implements TrainingListener, EpochLoop.Resumable, BooleanSupplier {

    private final EarlyStopping delegate;

    /**
     * @param delegate the early stopping to drive
     */
    public ResumableEarlyStopping(EarlyStopping delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onTrainingStart(Trainer trainer) {
        delegate.onTrainingStart(trainer);
    }

    @Override
    public void restore(Trainer trainer, List<EpochResult> history) {
        history.forEach(r -> delegate.onEpochEnd(trainer, r));
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        delegate.onEpochEnd(trainer, result);
    }

    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory history) {
        delegate.onTrainingEnd(trainer, history);
    }

    /** @return whether it asked the run to stop */
    @Override
    public boolean getAsBoolean() {
        return delegate.stoppedAfter() > 0;
    }

    /** @return one line on why the run stopped, naming the best epoch */
    public String verdict() {
        return String.format(java.util.Locale.ROOT, "early stopping after epoch %d: the best was epoch %d (%s)",
                delegate.stoppedAfter(), delegate.bestEpoch(), delegate);
    }
}
