package org.neurite.engine.init;

import java.util.List;

import org.neurite.api.InitializerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** The engine's built-in {@link InitializerProvider}s, with the semantics of {@code torch.nn.init}. */
public final class BuiltInInitializers {

    private static final OptionSpec GAIN = OptionSpec.optional("gain", OptionType.NUMBER, 1.0,
            "factor the values are scaled by, > 0");

    private BuiltInInitializers() {
    }

    /** @return every built-in provider of this kind */
    public static List<InitializerProvider> providers() {
        return List.of(
                new InitializerDefinition("zeros", "Sets every value to 0.", List.of(),
                        in -> ConstantInitializer.ZEROS),
                new InitializerDefinition("ones", "Sets every value to 1.", List.of(),
                        in -> ConstantInitializer.ONES),
                new InitializerDefinition("constant", "Sets every value to one constant.",
                        List.of(OptionSpec.required("value", OptionType.NUMBER, "the value, finite")),
                        in -> new ConstantInitializer("constant", in.number("value"))),
                uniform(),
                new InitializerDefinition("normal", "Draws values from a normal distribution.",
                        List.of(OptionSpec.optional("mean", OptionType.NUMBER, 0.0, "the mean"),
                                OptionSpec.optional("std", OptionType.NUMBER, 1.0, "the standard deviation, >= 0")),
                        in -> new NormalInitializer(in.number("mean"), in.number("std"))),
                xavier(Distribution.UNIFORM), xavier(Distribution.NORMAL),
                kaiming("kaiming_uniform", Distribution.UNIFORM, "leaky_relu"),
                kaiming("kaiming_normal", Distribution.NORMAL, "leaky_relu"),
                kaiming("he_uniform", Distribution.UNIFORM, "relu"),
                kaiming("he_normal", Distribution.NORMAL, "relu"),
                new InitializerDefinition("orthogonal",
                        "A (semi-)orthogonal matrix from the QR decomposition of a normal one, times a gain; "
                                + "needs a shape of rank 2 or more.",
                        List.of(GAIN), in -> new OrthogonalInitializer(in.number("gain"))));
    }

    private static InitializerDefinition uniform() {
        List<OptionSpec> specs = List.of(
                // No defaults in the specs: an absent bound is told apart from a given one (scale: fan_in).
                OptionSpec.optional("low", OptionType.NUMBER, null, "the smallest value, default 0 (not with scale: fan_in)"),
                OptionSpec.optional("high", OptionType.NUMBER, null,
                        "the bound values stay below, >= low, default 1 (not with scale: fan_in)"),
                OptionSpec.optional("scale", OptionType.STRING, "none",
                        "none: use low and high; fan_in: bounds ±1/sqrt(fan_in), PyTorch's default for the"
                                + " weights and biases of linear and convolution layers"),
                OptionSpec.optional("fan_in", OptionType.INTEGER, null,
                        "with scale: fan_in, the fan-in to use instead of the one of the shape initialized"
                                + " (a bias takes its weight's); default: from the shape"));
        return new InitializerDefinition("uniform",
                "Draws values uniformly from [low, high), or from ±1/sqrt(fan_in) with scale: fan_in.", specs,
                BuiltInInitializers::uniform);
    }

    private static UniformInitializer uniform(OptionReader in) {
        boolean scaled = in.choice("scale", List.of("none", "fan_in")).equals("fan_in");
        if (scaled) {
            for (String bound : List.of("low", "high")) {
                if (in.options().has(bound)) {
                    throw new OptionException(bound, "cannot be combined with scale: fan_in, which sets the bounds to"
                            + " ±1/sqrt(fan_in)");
                }
            }
            return in.options().has("fan_in") ? UniformInitializer.fanInScaled(in.integer("fan_in"))
                    : UniformInitializer.fanInScaled();
        }
        if (in.options().has("fan_in")) {
            throw new OptionException("fan_in", "applies only with scale: fan_in");
        }
        Options options = in.options();
        return UniformInitializer.between(options.getDouble("low", 0.0), options.getDouble("high", 1.0));
    }

    private static InitializerDefinition xavier(Distribution distribution) {
        String name = distribution == Distribution.UNIFORM ? "xavier_uniform" : "xavier_normal";
        return new InitializerDefinition(name, "Xavier/Glorot " + distribution.name().toLowerCase(java.util.Locale.ROOT)
                + " initialization: standard deviation gain * sqrt(2 / (fan_in + fan_out)).", List.of(GAIN),
                in -> new XavierInitializer(distribution, in.number("gain")));
    }

    private static InitializerDefinition kaiming(String name, Distribution distribution, String nonlinearity) {
        List<OptionSpec> specs = List.of(
                OptionSpec.optional("a", OptionType.NUMBER, 0.0,
                        "negative slope of the leaky ReLU that follows (used with nonlinearity leaky_relu);"
                                + " 2.23606797749979 (sqrt 5) gives PyTorch's default for linear layers"),
                OptionSpec.optional("mode", OptionType.STRING, "fan_in",
                        "fan_in keeps the variance of the forward pass, fan_out that of the backward pass"),
                OptionSpec.optional("nonlinearity", OptionType.STRING, nonlinearity,
                        "the activation that follows, which sets the gain: " + String.join(", ", Nonlinearity.NAMES)));
        return new InitializerDefinition(name, "Kaiming/He " + distribution.name().toLowerCase(java.util.Locale.ROOT)
                + " initialization: standard deviation gain(nonlinearity, a) / sqrt(fan)"
                + (nonlinearity.equals("relu") ? ", for ReLU by default." : "."), specs,
                in -> new KaimingInitializer(name, distribution, in.number("a"),
                        FanMode.named(in.choice("mode", FanMode.NAMES)),
                        Nonlinearity.named(in.choice("nonlinearity", Nonlinearity.NAMES))));
    }
}
