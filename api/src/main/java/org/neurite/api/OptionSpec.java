package org.neurite.api;

import java.util.Objects;

/**
 * Documents one option a provider reads: its name, type, default and meaning. Hosts use these
 * to list what a component takes and to reject unknown or mistyped keys before anything runs.
 *
 * @param name the key, such as {@code units}
 * @param type the type of its value
 * @param defaultValue the value used when the key is absent; {@code null} when there is none
 * @param required whether the key must be given
 * @param description what the option means, in one sentence
 */
public record OptionSpec(String name, OptionType type, Object defaultValue, boolean required, String description) {

    /**
     * Validates the components.
     *
     * @param name the key
     * @param type the type
     * @param defaultValue the default, or {@code null}
     * @param required whether the key must be given
     * @param description the meaning
     */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("option " + name + " is required and so cannot have a default");
        }
    }

    /**
     * @param name the key
     * @param type the type
     * @param description the meaning
     * @return a spec for an option that must be given
     */
    public static OptionSpec required(String name, OptionType type, String description) {
        return new OptionSpec(name, type, null, true, description);
    }

    /**
     * @param name the key
     * @param type the type
     * @param defaultValue the value used when the key is absent, or {@code null} for "none"
     * @param description the meaning
     * @return a spec for an option that may be left out
     */
    public static OptionSpec optional(String name, OptionType type, Object defaultValue, String description) {
        return new OptionSpec(name, type, defaultValue, false, description);
    }
}
