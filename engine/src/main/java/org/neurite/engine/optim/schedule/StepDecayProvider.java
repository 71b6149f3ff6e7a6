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

/** Provides {@code step}: {@link StepDecay}, as {@code torch.optim.lr_scheduler.StepLR}. */
public final class StepDecayProvider extends DescribedProvider implements ScheduleProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("step_size", OptionType.INTEGER, "number of steps between decays, >= 1"),
            OptionSpec.optional("gamma", OptionType.NUMBER, 0.1, "factor applied to the rate at each decay, > 0"));

    /** The provider of {@code step}. */
    public StepDecayProvider() {
        super("step", "Multiplies the learning rate by gamma every step_size steps.", OPTIONS);
    }

    @Override
    public LearningRateSchedule create(Options options, ScheduleContext context) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> new StepDecay(context.baseRate(), in.integer("step_size"), in.number("gamma")));
    }
}
