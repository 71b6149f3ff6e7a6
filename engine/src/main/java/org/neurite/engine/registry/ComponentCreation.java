package org.neurite.engine.registry;

import java.util.List;
import java.util.function.BiFunction;

import org.neurite.api.ComponentProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.options.SpecCheck;
import org.neurite.engine.tensor.MemoryLimitException;

/**
 * How the host creates any component from a config: find the provider, check the options
 * against its specs (filling in defaults), call {@code create}, and refuse what a provider
 * cannot be trusted with. Option and shape errors pass through as they are; anything else the
 * provider throws, a {@link LinkageError} included (a class missing from a plugin), and a
 * {@code null} result become a {@link ComponentException} naming the place, the component and
 * its provider's owner.
 */
final class ComponentCreation {

    private ComponentCreation() {
    }

    static <P extends ComponentProvider, T> T create(Components components, ComponentRegistry<P> registry, String name,
                                                     Options options, BiFunction<P, Options, T> create) {
        String namePath = registry.kind().startsWith("layer") ? options.pathOf("type") : options.path();
        return create(components, registry, name, namePath, options, create);
    }

    /** As above, with the key path where the name was written given explicitly (a {@code type} or {@code format} key). */
    static <P extends ComponentProvider, T> T create(Components components, ComponentRegistry<P> registry, String name,
                                                     String namePath, Options options, BiFunction<P, Options, T> create) {
        ComponentRegistry.Entry<P> entry = registry.entry(name, namePath);
        String what = registry.kind() + " '" + name + "' of " + entry.origin();
        T created;
        try {
            List<OptionSpec> specs = entry.provider().options();
            created = create.apply(entry.provider(), SpecCheck.checked(options, specs));
        } catch (OptionException | ShapeMismatchException | ComponentException e) {
            throw e;
        } catch (MemoryLimitException e) {
            // a size from the options (units, vocabulary...) that cannot fit: the options are wrong
            throw new OptionException(options.path(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            throw new ComponentException(options.path(), what + " failed to build: " + ComponentException.describe(e), e);
        }
        if (created == null) {
            throw new ComponentException(options.path(), what + ": its provider " + entry.provider().getClass().getName()
                    + " returned null", null);
        }
        components.used(entry);
        return created;
    }
}
