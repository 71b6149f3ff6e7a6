package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.DescribedProvider;
import org.neurite.engine.options.OptionReader;

/**
 * A built-in optimizer's provider: {@link #create(Options)} checks the options against the
 * provider's specs before {@link #create(OptionReader)} builds the optimizer from the values read.
 * Also the option specs several optimizers share.
 */
abstract class OptionListProvider extends DescribedProvider implements OptimizerProvider {

    /** L2 weight decay on the gradient, as SGD, RMSprop and Adagrad have it. */
    static final OptionSpec L2_WEIGHT_DECAY = OptionSpec.optional("weight_decay", OptionType.NUMBER, 0.0,
            "L2 penalty: weight_decay * p is added to the gradient, >= 0");

    /** A momentum factor that is off by default. */
    static final OptionSpec MOMENTUM = OptionSpec.optional("momentum", OptionType.NUMBER, 0.0,
            "momentum factor, in [0, 1); 0 turns momentum off");

    OptionListProvider(String name, String description, List<OptionSpec> options) {
        super(name, description, options);
    }

    /**
     * @param defaultRate the learning rate if the config gives none
     * @return the spec of the option {@code lr}
     */
    static OptionSpec learningRate(double defaultRate) {
        return OptionSpec.optional("lr", OptionType.NUMBER, defaultRate, "learning rate, > 0");
    }

    @Override
    public final Optimizer create(Options options) {
        OptionReader in = OptionReader.of(options, options());
        return in.build(() -> create(in));
    }

    /**
     * @param in the checked options
     * @return the optimizer they describe
     */
    abstract Optimizer create(OptionReader in);
}
