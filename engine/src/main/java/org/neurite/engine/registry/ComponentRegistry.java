package org.neurite.engine.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.neurite.api.ComponentProvider;
import org.neurite.api.Names;
import org.neurite.api.OptionException;

/**
 * The providers of one kind of component (layer types, activations, ...), by name. Several
 * owners (the engine, plugins) may provide the same name: each provider stays reachable by its
 * qualified name {@code owner:name} ({@code perceptron:mlp}), and the plain name resolves to the
 * provider its owner is {@link #prefer preferred} for, else to the one registered first (the
 * engine's built-ins come first, then plugins in load order). A clash is never settled by
 * alphabetical order and never hides a provider. Names are kept sorted, so listings and error
 * messages read the same on every run.
 *
 * @param <P> the kind of provider
 */
public final class ComponentRegistry<P extends ComponentProvider> {

    /** The owner of the engine's built-in providers, as in {@code neurite:dense}. */
    public static final String BUILT_IN = "neurite";

    /** Lower case letters, digits and underscores, starting with a letter, as configs write them. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * One registered provider.
     *
     * @param provider the provider
     * @param owner who provides it: {@link #BUILT_IN} or a plugin id
     * @param version the owner's version (the plugin's), or {@code null} for the engine
     * @param <P> the kind of provider
     */
    public record Entry<P>(P provider, String owner, String version) {

        /** @return the qualified name, {@code owner:name} */
        public String qualifiedName() {
            return owner + ":" + ((ComponentProvider) provider).name();
        }

        /** @return whether the engine provides it */
        public boolean builtIn() {
            return owner.equals(BUILT_IN);
        }

        /** @return the owner as messages name it: {@code plugin 'perceptron' 0.2.0} or {@code the engine (built in)} */
        public String origin() {
            return builtIn() ? "the engine (built in)" : "plugin '" + owner + "' " + version;
        }
    }

    private final String kind;
    private final ConcurrentSkipListMap<String, List<Entry<P>>> byName = new ConcurrentSkipListMap<>();
    private final Map<String, String> preferred = new ConcurrentHashMap<>();

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
     * Adds a built-in provider under its {@link ComponentProvider#name() name}.
     *
     * @param provider the provider
     * @throws IllegalArgumentException if the name is malformed or already built in
     */
    public void register(P provider) {
        register(provider, BUILT_IN, null);
    }

    /**
     * Adds a provider of an owner. Another owner's provider of the same name stays, as a clash.
     *
     * @param provider the provider
     * @param owner {@link #BUILT_IN} or the plugin id
     * @param version the plugin's version, or {@code null} for the engine
     * @throws IllegalArgumentException if the name is not lower case with underscores, or the
     *     same owner already provides it (naming both provider classes)
     */
    public void register(P provider, String owner, String version) {
        String name = provider.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " provider " + provider.getClass().getName()
                    + " has the name '" + name + "'; names are lower case letters, digits and underscores,"
                    + " starting with a letter");
        }
        List<Entry<P>> entries = byName.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
        for (Entry<P> e : entries) {
            if (e.owner().equals(owner)) {
                throw new IllegalArgumentException(kind + " '" + name + "' is provided twice: by "
                        + e.provider().getClass().getName() + " and by " + provider.getClass().getName());
            }
        }
        entries.add(new Entry<>(provider, owner, version));
    }

    /**
     * Makes a plain name resolve to one owner's provider, as a config or the command line asks.
     *
     * @param name the plain name
     * @param owner the owner whose provider it should mean
     * @throws IllegalArgumentException if that owner does not provide the name
     */
    public void prefer(String name, String owner) {
        if (find(owner + ":" + name).isEmpty()) {
            throw new IllegalArgumentException(kind + " '" + owner + ":" + name + "' is not provided; providers of '"
                    + name + "': " + String.join(", ", entries(name).stream().map(Entry::qualifiedName).toList()));
        }
        preferred.put(name, owner);
    }

    /**
     * Returns the provider of a name, for a name read from a config.
     *
     * @param name the name as written, plain or qualified ({@code owner:name})
     * @param path the key path where it was written, for the error message
     * @return the provider
     * @throws OptionException if no provider has that name, naming the closest names and all known ones
     */
    public P get(String name, String path) {
        return entry(name, path).provider();
    }

    /**
     * @param name the name as written, plain or qualified
     * @param path the key path where it was written, for the error message
     * @return the provider the name resolves to, with its owner
     * @throws OptionException if no provider has that name
     */
    public Entry<P> entry(String name, String path) {
        Optional<Entry<P>> found = findEntry(name);
        if (found.isEmpty()) {
            List<String> known = name.contains(":") ? qualifiedNames() : names();
            String hint = Names.closest(name, known);
            throw new OptionException(path, "unknown " + kind + " '" + name + "'"
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                    + "; known: " + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return found.get();
    }

    /**
     * @param name a plain or qualified name
     * @return its provider, if registered
     */
    public Optional<P> find(String name) {
        return findEntry(name).map(Entry::provider);
    }

    private Optional<Entry<P>> findEntry(String name) {
        int colon = name.indexOf(':');
        if (colon >= 0) {
            String owner = name.substring(0, colon);
            return entries(name.substring(colon + 1)).stream().filter(e -> e.owner().equals(owner)).findFirst();
        }
        List<Entry<P>> entries = entries(name);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        String owner = preferred.get(name);
        return Optional.of(entries.stream().filter(e -> e.owner().equals(owner)).findFirst().orElse(entries.get(0)));
    }

    /**
     * @param name a plain name
     * @return every provider of it, in registration order; more than one is a clash
     */
    public List<Entry<P>> entries(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    /** @return the plain names provided by more than one owner, sorted */
    public List<String> clashes() {
        return byName.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    /** @return the registered plain names, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return every qualified name, sorted by plain name */
    public List<String> qualifiedNames() {
        List<String> out = new ArrayList<>();
        byName.values().forEach(entries -> entries.forEach(e -> out.add(e.qualifiedName())));
        return out;
    }

    /** @return the provider each plain name resolves to, sorted by name */
    public List<P> providers() {
        return byName.keySet().stream().map(n -> findEntry(n).orElseThrow().provider()).toList();
    }

    @Override
    public String toString() {
        return kind + "s " + byName.keySet();
    }
}
