package org.neurite.launcher.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.registry.ComponentException;

/**
 * The problems found in one config document, each one line with its file and line: the section
 * checks record into it rather than stop at the first, so that a config's every problem is told.
 */
final class Problems {

    private static final Pattern LEADING_PATH = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*(?:\\[\\d+]|\\.[A-Za-z_][A-Za-z0-9_]*)*)");

    private final ConfigDocument doc;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(ConfigDocument doc) {
        this.doc = doc;
    }

    ConfigDocument doc() {
        return doc;
    }

    /** Records a problem at the key it names. */
    void add(OptionException e) {
        errors.add(doc.error(e));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<ConfigError> all() {
        return errors;
    }

    /** Checks keys and types of a section, recording every problem; true if there was none. */
    boolean section(Options s, List<OptionSpec> specs, Set<String> componentKeys) {
        List<OptionException> problems = SectionCheck.problems(s, specs, componentKeys);
        problems.forEach(this::add);
        return problems.isEmpty();
    }

    /**
     * Checks keys and types of a nested section: every problem but the first is recorded, the first
     * thrown, so that the check reading the section stops there.
     */
    void requireSection(Options s, List<OptionSpec> specs) {
        List<OptionException> problems = SectionCheck.problems(s, specs, Set.of());
        if (!problems.isEmpty()) {
            problems.subList(1, problems.size()).forEach(this::add);
            throw problems.get(0);
        }
    }

    /** Runs one check, recording its problem instead of stopping; null if it failed. */
    <T> T attempt(Supplier<T> check) {
        try {
            return check.get();
        } catch (OptionException e) {
            add(e);
        } catch (ShapeMismatchException e) {
            errors.add(shapeError(e));
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(doc.source(), e.getMessage()));
        } catch (ComponentException e) {
            // a component's own code failed while it was built: its place leads the message
            errors.add(new ConfigError(e.path().isEmpty() ? doc.source() : doc.locate(e.path()), e.getMessage()));
        }
        return null;
    }

    /** A shape error of the model names the layer first, as {@code model.layers[2] (dense): ...}. */
    private ConfigError shapeError(ShapeMismatchException e) {
        Matcher m = LEADING_PATH.matcher(e.getMessage());
        return new ConfigError(m.find() ? doc.locate(m.group(1)) : doc.locate("model"), e.getMessage());
    }

    /** @throws OptionException if {@code value} is below {@code min} */
    static int atLeast(Options s, String key, int value, int min) {
        if (value < min) {
            throw new OptionException(s.pathOf(key), "expected " + (min == 0 ? "0 or more" : "at least " + min)
                    + ", got " + value);
        }
        return value;
    }

    /** @throws OptionException if {@code value} is negative or not finite */
    static double nonNegative(Options s, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new OptionException(s.pathOf(key), "expected a number >= 0, got " + value);
        }
        return value;
    }
}
