package org.neurite.engine.init;

import java.util.List;

/**
 * The activation that follows a layer, which sets the gain of its initial weights as
 * {@code torch.nn.init.calculate_gain} does.
 */
public enum Nonlinearity {

    /** No activation: gain 1. */
    LINEAR("linear"),
    /** Sigmoid: gain 1. */
    SIGMOID("sigmoid"),
    /** Tanh: gain 5/3. */
    TANH("tanh"),
    /** ReLU: gain sqrt(2). */
    RELU("relu"),
    /** Leaky ReLU with negative slope a: gain sqrt(2 / (1 + a²)). */
    LEAKY_RELU("leaky_relu");

    /** The names configs use, in declaration order. */
    public static final List<String> NAMES = List.of("linear", "sigmoid", "tanh", "relu", "leaky_relu");

    private final String configName;

    Nonlinearity(String configName) {
        this.configName = configName;
    }

    /** @return the name configs use, such as {@code leaky_relu} */
    public String configName() {
        return configName;
    }

    /**
     * @param name a name from {@link #NAMES}
     * @return the nonlinearity
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Nonlinearity named(String name) {
        for (Nonlinearity n : values()) {
            if (n.configName.equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown nonlinearity '" + name + "'; known: " + String.join(", ", NAMES));
    }

    /**
     * @param negativeSlope the negative slope of leaky ReLU; ignored by the others
     * @return the recommended gain
     */
    public double gain(double negativeSlope) {
        return switch (this) {
            case LINEAR, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
        };
    }
}
