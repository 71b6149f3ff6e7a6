package org.neurite.engine.init;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.neurite.api.Initializer;
import org.neurite.api.InitializerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/**
 * A provider given by its parts: name, description, documented options and a function that
 * builds the initializer from options read through an {@link OptionReader} (so unknown keys are
 * rejected, defaults come from the specs and range errors name the full key path).
 *
 * @param name the name configs use
 * @param description what the initializer does, in one sentence
 * @param options every option it reads
 * @param factory builds the initializer
 */
public record InitializerDefinition(String name, String description, List<OptionSpec> options,
        Function<OptionReader, Initializer> factory) implements InitializerProvider {

    /** Checks that every part is present. */
    public InitializerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        options = List.copyOf(options);
        Objects.requireNonNull(factory, "factory");
    }

    @Override
    public Initializer create(Options values) {
        OptionReader in = OptionReader.of(values, options);
        return in.build(() -> factory.apply(in));
    }
}
