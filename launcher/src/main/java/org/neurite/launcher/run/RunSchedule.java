package org.neurite.launcher.run;

import java.util.List;

import org.neurite.api.LearningRateSchedule;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.TrainingConfig;

/** The configured learning-rate schedule, told the run's length in updates (epochs x batches per epoch). */
public final class RunSchedule {

    private RunSchedule() {
    }

    /**
     * @param config the checked config
     * @param components where the schedule is looked up
     * @param baseRate the optimizer's learning rate
     * @param samples the training samples one trainer goes through per epoch
     * @return the schedule, or {@code null} for a constant rate
     * @throws ConfigException if the schedule does not fit the run's length
     */
    public static LearningRateSchedule of(RunConfig config, Components components, double baseRate, int samples) {
        Options s = config.optimizer() == null ? null : config.optimizer().schedule();
        if (s == null) {
            return null;
        }
        TrainingConfig t = config.training();
        int perEpoch = t.batchSize() == 0 || t.batchSize() >= samples ? 1 : (samples + t.batchSize() - 1) / t.batchSize();
        int totalSteps = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, (long) t.epochs() * perEpoch));
        try {
            return components.schedule(s, new ScheduleContext(baseRate, totalSteps));
        } catch (OptionException e) {
            throw new ConfigException(List.of(config.document().error(e)));
        }
    }
}
