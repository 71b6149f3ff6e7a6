package org.neurite.engine.optim.schedule;

import java.util.List;
import java.util.Map;

import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/**
 * Builds a {@link LearningRateSchedule} from a config map such as
 * <pre>
 *   schedule:
 *     type: cosine
 *     warmup_steps: 500
 *     total_steps: 10000
 *     min_lr: 1.0e-5
 * </pre>
 * The base rate is the optimizer's {@code lr}. Types: {@code constant} (the default),
 * {@code step} ({@link StepDecay}), {@code exponential} ({@link ExponentialDecay}) and
 * {@code cosine} ({@link WarmupCosine}); {@link #options(String)} documents each type's keys.
 */
public final class LearningRateSchedules {

    private static final OptionSpec TYPE = OptionSpec.optional("type", OptionType.STRING, "constant",
            "the kind of schedule: constant, step, exponential or cosine");

    private static final Map<String, List<OptionSpec>> OPTIONS = Map.of(
            "constant", List.of(TYPE),
            "step", List.of(TYPE,
                    OptionSpec.required("step_size", OptionType.INTEGER, "number of steps between decays, >= 1"),
                    OptionSpec.optional("gamma", OptionType.NUMBER, 0.1, "factor applied to the rate at each decay, > 0")),
            "exponential", List.of(TYPE,
                    OptionSpec.required("gamma", OptionType.NUMBER, "factor applied to the rate at every step, > 0")),
            "cosine", List.of(TYPE,
                    OptionSpec.optional("warmup_steps", OptionType.INTEGER, 0,
                            "number of steps over which the rate rises linearly to lr, >= 0"),
                    OptionSpec.required("total_steps", OptionType.INTEGER,
                            "step at which the cosine reaches min_lr, > warmup_steps"),
                    OptionSpec.optional("min_lr", OptionType.NUMBER, 0.0, "the final rate, in [0, lr]")));

    /** The schedule types, in the order they are documented. */
    public static final List<String> TYPES = List.of("constant", "step", "exponential", "cosine");

    private LearningRateSchedules() {
    }

    /**
     * @param type a schedule type, one of {@link #TYPES}
     * @return the options that type reads, {@code type} included
     * @throws IllegalArgumentException if the type is unknown
     */
    public static List<OptionSpec> options(String type) {
        List<OptionSpec> specs = OPTIONS.get(type);
        if (specs == null) {
            throw new IllegalArgumentException("unknown learning rate schedule type '" + type + "'; known: "
                    + String.join(", ", TYPES));
        }
        return specs;
    }

    /**
     * @param options the schedule's options, with the key path they have in their config
     * @param baseRate the optimizer's learning rate
     * @return the schedule
     * @throws org.neurite.api.OptionException naming the key path of an unknown type, an unknown
     *     key, or a value missing, mistyped or out of range
     */
    public static LearningRateSchedule create(Options options, double baseRate) {
        String type = OptionReader.checkChoice(options, "type", options.getString("type", "constant"), TYPES);
        OptionReader in = OptionReader.of(options, OPTIONS.get(type));
        return in.build(() -> switch (type) {
            case "step" -> new StepDecay(baseRate, in.integer("step_size"), in.number("gamma"));
            case "exponential" -> new ExponentialDecay(baseRate, in.number("gamma"));
            case "cosine" -> new WarmupCosine(baseRate, in.integer("warmup_steps"), in.integer("total_steps"),
                    in.number("min_lr"));
            default -> new ConstantRate(baseRate);
        });
    }
}
