package org.neurite.engine.options;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.neurite.api.Options;

/**
 * A provider of a component that takes no options: its name, its description and how to make
 * one. A subclass names the extension point and its {@code create} returns {@link #createChecked}.
 *
 * @param <T> the component, such as {@code Loss}
 */
public abstract class FixedProvider<T> extends DescribedProvider {

    private final Supplier<? extends T> factory;

    /**
     * @param name the name configs use, such as {@code mse}
     * @param description what the component is, in one sentence
     * @param factory makes a new component
     */
    protected FixedProvider(String name, String description, Supplier<? extends T> factory) {
        super(name, description, List.of());
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * @param options the options a config gave, which must be none
     * @return a new component
     * @throws org.neurite.api.OptionException if any option is given
     */
    protected final T createChecked(Options options) {
        options.rejectUnknown(options());
        return factory.get();
    }
}
