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
    /** One whole number or a list of them, such as a kernel size {@code 3} or {@code [3, 5]}. */
    INTEGERS,
    /** A list of numbers. */
    NUMBERS,
    /** A nested map of options. */
    MAP,
    /** A list of nested maps of options, such as layers. */
    MAP_LIST
}
