package org.neurite.engine.optim.schedule;

import java.util.List;

import org.neurite.engine.options.DescribedProvider;
import org.neurite.engine.train.Monitor;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.api.ScheduleProvider;
import org.neurite.engine.options.OptionReader;

/** Provides {@code reduce_on_plateau}: {@link ReduceOnPlateau}, as {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. */
public final class ReduceOnPlateauProvider extends DescribedProvider implements ScheduleProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("monitor", OptionType.STRING, "val_loss", "val_loss, val_accuracy or loss (training)"),
            OptionSpec.optional("factor", OptionType.NUMBER, 0.1, "multiplies the rate at each reduction, in (0, 1)"),
            OptionSpec.optional("patience", OptionType.INTEGER, 10, "epochs without improvement before a reduction, >= 0"),
            OptionSpec.optional("threshold", OptionType.NUMBER, 1e-4, "relative change that counts as improvement, >= 0"),
            OptionSpec.optional("cooldown", OptionType.INTEGER, 0, "epochs after a reduction before watching again, >= 0"),
            OptionSpec.optional("min_lr", OptionType.NUMBER, 0.0, "the lowest rate, >= 0"));

    /** The provider of {@code reduce_on_plateau}. */
    public ReduceOnPlateauProvider() {
        super("reduce_on_plateau", "Multiplies the learning rate by factor when the monitored measure has not improved for patience epochs.",
                OPTIONS);
    }

    @Override
    public LearningRateSchedule create(Options options, ScheduleContext context) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        String monitor = in.choice("monitor", Monitor.keys());
        double factor = in.number("factor");
        if (!(factor > 0 && factor < 1)) {
            throw new org.neurite.api.OptionException(options.pathOf("factor"), "must be in (0, 1), got " + factor);
        }
        int patience = in.integer("patience");
        int cooldown = in.integer("cooldown");
        double threshold = in.number("threshold");
        double minRate = in.number("min_lr");
        for (var e : java.util.Map.of("patience", (double) patience, "cooldown", (double) cooldown,
                "threshold", threshold, "min_lr", minRate).entrySet()) {
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new org.neurite.api.OptionException(options.pathOf(e.getKey()), "must be a finite number >= 0, got "
                        + e.getValue());
            }
        }
        return new ReduceOnPlateau(context.baseRate(), Monitor.of(monitor), factor, patience, threshold,
                cooldown, minRate);
    }
}
