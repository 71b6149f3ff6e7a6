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

/** Provides {@code cosine}: {@link WarmupCosine}, a linear warm-up and cosine annealing, by default over the whole run. */
public final class WarmupCosineProvider extends DescribedProvider implements ScheduleProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("warmup_steps", OptionType.INTEGER, 0,
                    "number of steps over which the rate rises linearly to lr, >= 0"),
            OptionSpec.optional("total_steps", OptionType.INTEGER, null,
                    "step at which the cosine reaches min_lr, > warmup_steps; default: the end of the run"
                            + " (epochs x batches)"),
            OptionSpec.optional("min_lr", OptionType.NUMBER, 0.0, "the final rate, in [0, lr]"));

    /** The provider of {@code cosine}. */
    public WarmupCosineProvider() {
        super("cosine", "Warms the learning rate up linearly, then anneals it along a cosine to min_lr.", OPTIONS);
    }

    @Override
    public LearningRateSchedule create(Options options, ScheduleContext context) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        int total = options.has("total_steps") ? options.getInt("total_steps") : context.totalSteps();
        return in.build(() -> new WarmupCosine(context.baseRate(), in.integer("warmup_steps"), total,
                in.number("min_lr")));
    }
}
