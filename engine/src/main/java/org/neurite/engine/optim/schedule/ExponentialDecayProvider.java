package org.neurite.engine.optim.schedule;

import java.util.List;

import org.neurite.api.LearningRateSchedule;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.api.ScheduleProvider;
import org.neurite.engine.options.DescribedProvider;
import org.neurite.engine.options.OptionReader;

/** Provides {@code exponential}: {@link ExponentialDecay}, as {@code torch.optim.lr_scheduler.ExponentialLR}. */
public final class ExponentialDecayProvider extends DescribedProvider implements ScheduleProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("gamma", OptionType.NUMBER, "factor applied to the rate at every step, > 0"));

    /** The provider of {@code exponential}. */
    public ExponentialDecayProvider() {
        super("exponential", "Multiplies the learning rate by gamma at every step.", OPTIONS);
    }

    @Override
    public LearningRateSchedule create(Options options, ScheduleContext context) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> new ExponentialDecay(context.baseRate(), in.number("gamma")));
    }
}
