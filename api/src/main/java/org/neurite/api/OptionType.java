package org.neurite.api;

/** The type of a documented option, as it appears in a YAML or JSON config. */
public enum OptionType {
    /** A whole number. */
    INTEGER,
    /** Any number. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A string, often a name such as {@code relu}. */
    STRING,
    /**
     * One whole number or a list of them, such as a kernel size {@code 3} or {@code [3, 5]}; with
     * {@link OptionSpec#oneOf choices}, also one of those words (a padding {@code 1}, {@code [1, 2]}
     * or {@code same}).
     */
    INTEGERS,
    /** One number or a list of them; lists may nest, as the rows of a matrix ({@code [[1, 1], [-1, -1]]}). */
    NUMBERS,
    /** A nested map of options. */
    MAP,
    /** A list of nested maps of options, such as layers. */
    MAP_LIST,
    /**
     * Another component, named by a string ({@code relu}) or by a map of its name and its own
     * options ({@code {name: leaky_relu, slope: 0.1}}); read it with {@link Options#getComponent}.
     */
    COMPONENT,
    /** A list of strings, such as names ({@code [logits, aux]}); one string stands for a list of one. */
    STRINGS
}
