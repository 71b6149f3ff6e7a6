package org.neurite.engine.init;

import java.util.List;

import org.neurite.api.Initializer;
import org.neurite.api.Shape;

/** Which fan scales Kaiming initialization: fan-in keeps the forward pass's variance, fan-out the backward's. */
public enum FanMode {

    /** {@link Initializer#fanIn}. */
    FAN_IN,
    /** {@link Initializer#fanOut}. */
    FAN_OUT;

    /** The names configs use. */
    public static final List<String> NAMES = List.of("fan_in", "fan_out");

    /**
     * @param name {@code fan_in} or {@code fan_out}
     * @return the mode
     * @throws IllegalArgumentException if the name is neither
     */
    public static FanMode named(String name) {
        return switch (name) {
            case "fan_in" -> FAN_IN;
            case "fan_out" -> FAN_OUT;
            default -> throw new IllegalArgumentException("unknown fan mode '" + name + "'; known: fan_in, fan_out");
        };
    }

    /**
     * @param shape a parameter shape
     * @return its fan in this mode
     */
    public int fan(Shape shape) {
        return this == FAN_IN ? Initializer.fanIn(shape) : Initializer.fanOut(shape);
    }
}
