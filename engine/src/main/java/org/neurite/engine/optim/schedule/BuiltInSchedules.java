package org.neurite.engine.optim.schedule;

import java.util.List;

import org.neurite.api.ScheduleProvider;

/** The engine's built-in {@link ScheduleProvider}s. */
public final class BuiltInSchedules {

    private BuiltInSchedules() {
    }

    /** @return every built-in provider of this kind */
    public static List<ScheduleProvider> providers() {
        return List.of(new ConstantRateProvider(), new StepDecayProvider(), new ExponentialDecayProvider(),
                new WarmupCosineProvider(), new ReduceOnPlateauProvider());
    }
}
