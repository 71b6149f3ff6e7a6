package org.neurite.launcher.config;

import java.util.List;
import java.util.Set;

import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.SpecCheck;

/**
 * Checks one section of a config against the options it documents with the host's
 * {@link SpecCheck}, finding every problem rather than the first. Keys that name a component
 * ({@code loss: cross_entropy} or {@code loss: {name: ..., ...}}) are checked as references; the
 * component's own options are left to its own check.
 */
final class SectionCheck {

    private SectionCheck() {
    }

    /**
     * @param section the section's options
     * @param specs what it documents
     * @param componentKeys keys whose value is a name or a map with a name, not type-checked here
     * @return the problems, in key order
     */
    static List<OptionException> problems(Options section, List<OptionSpec> specs, Set<String> componentKeys) {
        List<OptionSpec> typed = specs.stream().map(s -> componentKeys.contains(s.name())
                ? new OptionSpec(s.name(), OptionType.COMPONENT, s.defaultValue(), s.required(), s.description())
                : s).toList();
        return SpecCheck.problems(section, typed);
    }
}
