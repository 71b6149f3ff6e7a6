package org.neurite.launcher.run;

import java.util.Locale;

import org.neurite.launcher.config.ConfigException;

/** How {@code evaluate} and {@code predict} print their results: for people, or as JSON or CSV for programs. */
public enum OutputFormat {
    /** Aligned text for a person. */
    TEXT,
    /** One JSON document. */
    JSON,
    /** CSV with a header line. */
    CSV;

    /**
     * @param text the option's value, such as {@code json}
     * @return the format
     * @throws ConfigException naming the choices, if the text names none
     */
    public static OutputFormat of(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            case "csv" -> CSV;
            default -> throw new ConfigException("--format", "expected text, json or csv, got \"" + text + "\"");
        };
    }
}
