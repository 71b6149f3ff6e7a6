package org.neurite.engine.registry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

import org.neurite.api.ComponentProvider;
import org.neurite.api.Names;
import org.neurite.api.OptionException;

/**
 * The providers of one kind of component (layer types, activations, ...), by their unique
 * name. Names are kept sorted, so listings and error messages read the same on every run.
 *
 * @param <P> the kind of provider
 */
public final class ComponentRegistry<P extends ComponentProvider> {

    /** Lower case letters, digits and underscores, starting with a letter, as configs write them. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final String kind;
    private final ConcurrentSkipListMap<String, P> byName = new ConcurrentSkipListMap<>();
    /** Why a name that was registered is gone, for the message of a later lookup. */
    private final ConcurrentSkipListMap<String, String> departed = new ConcurrentSkipListMap<>();

    /**
     * @param kind what the components are called in messages, such as {@code layer type}
     */
    public ComponentRegistry(String kind) {
        this.kind = kind;
    }

    /** @return what the components are called in messages, such as {@code layer type} */
    public String kind() {
        return kind;
    }

    /**
     * Adds a provider under its {@link ComponentProvider#name() name}.
     *
     * @param provider the provider
     * @throws IllegalArgumentException if the name is not lower case with underscores, or is
     *     already taken (naming both provider classes)
     */
    public void register(P provider) {
        String name = provider.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " provider " + provider.getClass().getName()
                    + " has the name '" + name + "'; names are lower case letters, digits and underscores,"
                    + " starting with a letter");
        }
        P previous = byName.putIfAbsent(name, provider);
        if (previous != null) {
            throw new IllegalArgumentException(kind + " '" + name + "' is provided twice: by "
                    + previous.getClass().getName() + " and by " + provider.getClass().getName());
        }
        departed.remove(name);
    }

    /**
     * Removes a provider that goes away (such as with the OSGi bundle that registered it); a
     * later lookup of its name says why it is gone.
     *
     * @param provider the provider, removed only if it is the one registered under its name
     * @param reason why it left, completing "{kind} 'name' is no longer available: ", such as
     *     {@code its provider com.example.NoiseProvider left with bundle com.example.noise 1.0.0}
     * @return whether it was registered
     */
    public boolean unregister(P provider, String reason) {
        String name = provider.name();
        if (name == null || !byName.remove(name, provider)) {
            return false;
        }
        departed.put(name, reason);
        return true;
    }

    /**
     * Returns the provider of a name, for a name read from a config.
     *
     * @param name the name as written
     * @param path the key path where it was written, for the error message
     * @return the provider
     * @throws OptionException if no provider has that name, naming the closest names and all known ones
     */
    public P get(String name, String path) {
        P provider = byName.get(name);
        if (provider == null && departed.containsKey(name)) {
            throw new OptionException(path, kind + " '" + name + "' is no longer available: " + departed.get(name));
        }
        if (provider == null) {
            String hint = Names.closest(name, byName.keySet());
            throw new OptionException(path, "unknown " + kind + " '" + name + "'"
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                    + "; known: " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
        }
        return provider;
    }

    /**
     * @param name a name
     * @return its provider, if registered
     */
    public Optional<P> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the registered names, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return the registered providers, sorted by name */
    public List<P> providers() {
        return List.copyOf(byName.values());
    }

    @Override
    public String toString() {
        return kind + "s " + byName.keySet();
    }
}
