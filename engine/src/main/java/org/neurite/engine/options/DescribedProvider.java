package org.neurite.engine.options;

import java.util.List;
import java.util.Objects;

import org.neurite.api.ComponentProvider;
import org.neurite.api.OptionSpec;

/**
 * What every provider says about itself, given once to its constructor: the name configs use,
 * the description the reference shows, and the specs of its options. A provider then writes only
 * its {@code create} method.
 */
public abstract class DescribedProvider implements ComponentProvider {

    private final String name;
    private final String description;
    private final List<OptionSpec> options;

    /**
     * @param name the name configs use, such as {@code cosine}
     * @param description one or two sentences for the config reference
     * @param options the specs of its options, in the order the reference lists them
     */
    protected DescribedProvider(String name, String description, List<OptionSpec> options) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.options = List.copyOf(options);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<OptionSpec> options() {
        return options;
    }
}
