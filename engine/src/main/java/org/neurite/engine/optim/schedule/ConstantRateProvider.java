package org.neurite.engine.optim.schedule;

import java.util.List;

import org.neurite.api.LearningRateSchedule;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.api.ScheduleProvider;
import org.neurite.engine.options.DescribedProvider;
import org.neurite.engine.options.OptionReader;

/** Provides {@code constant}, the schedule of a run that names none: the optimizer's {@code lr} throughout. */
public final class ConstantRateProvider extends DescribedProvider implements ScheduleProvider {

    /** The provider of {@code constant}. */
    public ConstantRateProvider() {
        super("constant", "Keeps the learning rate at the optimizer's lr.", List.of());
    }

    @Override
    public LearningRateSchedule create(Options options, ScheduleContext context) {
        OptionReader.of(options, options());
        return new ConstantRate(context.baseRate());
    }
}
