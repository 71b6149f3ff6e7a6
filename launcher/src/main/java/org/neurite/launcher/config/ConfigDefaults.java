package org.neurite.launcher.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.neurite.api.ComponentProvider;
import org.neurite.api.OptionSpec;
import org.neurite.engine.data.source.SyntheticSourceProvider;
import org.neurite.engine.registry.ComponentRegistry;
import org.neurite.engine.registry.Components;

/**
 * A checked config with every default written out, as {@code neurite train --print-config}
 * shows it: each section's keys in the order its specs document them, absent ones with their
 * documented default (keys without a default stay absent), and a component named by a bare name
 * written as a map when it has options. The defaults come from the same specs the check uses.
 */
public final class ConfigDefaults {

    private final Components components;

    private ConfigDefaults(Components components) {
        this.components = components;
    }

    /**
     * @param config a checked config
     * @param components where its components' specs are looked up
     * @return the config as plain maps and lists, overrides applied, data paths absolute, defaults filled in
     */
    public static Map<String, Object> resolved(RunConfig config, Components components) {
        return new ConfigDefaults(components).fill(config);
    }

    private Map<String, Object> fill(RunConfig config) {
        Map<String, Object> values = config.resolved();
        values.put("name", config.name());
        Map<String, Object> root = filled(values, ConfigKeys.ROOT);
        Map<String, Object> data = map(root.get("data"));
        for (String key : List.of("train", "validation", "test")) {
            if (data.get(key) instanceof Map<?, ?>) {
                data.put(key, source(map(data.get(key))));
            }
        }
        root.put("data", filled(data, ConfigKeys.DATA));
        Map<String, Object> model = map(root.get("model"));
        layers(model);
        root.put("loss", component(root.get("loss"), components.losses(), "name"));
        if (root.get("optimizer") != null) {
            root.put("optimizer", component(root.get("optimizer"), components.optimizers(), "name"));
        }
        if (root.get("optimizer") instanceof Map<?, ?>) {
            Map<String, Object> optimizer = map(root.get("optimizer"));
            if (optimizer.get("schedule") instanceof Map<?, ?>) {
                optimizer.put("schedule", component(optimizer.get("schedule"), components.schedules(), "type"));
            }
            if (optimizer.get("clip") instanceof Map<?, ?>) {
                optimizer.put("clip", component(optimizer.get("clip"), components.clippers(), "type"));
            }
        }
        Map<String, Object> training = filled(root.get("training") == null ? new LinkedHashMap<>()
                : map(root.get("training")), ConfigKeys.TRAINING);
        if (training.get("early_stopping") instanceof Map<?, ?>) {
            training.put("early_stopping", filled(map(training.get("early_stopping")), ConfigKeys.EARLY_STOPPING));
        }
        root.put("training", training);
        if (root.get("spark") instanceof Map<?, ?>) {
            root.put("spark", filled(map(root.get("spark")), ConfigKeys.SPARK));
        }
        return root;
    }

    private Map<String, Object> source(Map<String, Object> source) {
        if (source.containsKey("split")) {
            return filled(source, ConfigKeys.SPLIT);
        }
        String format = String.valueOf(source.get("format"));
        // every format is a provider's, the built-in ones too
        List<OptionSpec> specs = new ArrayList<>(List.of(ConfigKeys.FORMAT));
        components.dataSources().find(format).ifPresent(p -> specs.addAll(p.options()));
        if (format.equals("synthetic") && source.get("name") instanceof String set) {
            // one format, several sets: a truth table has no sample count, spirals no number of classes
            Set<String> applies = SyntheticSourceProvider.optionsOf(set);
            specs.removeIf(spec -> !spec.name().equals(ConfigKeys.FORMAT.name()) && !applies.contains(spec.name()));
        }
        return filled(source, specs);
    }

    /** Fills the options of every layer of a model section, nested sequences included. */
    private void layers(Map<String, Object> section) {
        if (!(section.get("layers") instanceof List<?> list)) {
            return;
        }
        List<Object> layers = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> && map(item).get("type") instanceof String type) {
                Map<String, Object> layer = map(item);
                Optional<? extends ComponentProvider> provider = components.layers().find(type);
                if (provider.isPresent()) {
                    // a graph layer's own keys (name, type, inputs) lead, then the type's options
                    Map<String, Object> head = new LinkedHashMap<>();
                    for (String key : List.of("name", "type", "inputs")) {
                        if (layer.containsKey(key)) {
                            head.put(key, layer.remove(key));
                        }
                    }
                    head.putAll(filled(layer, provider.get().options()));
                    layer = head;
                }
                layers(layer);
                layers.add(layer);
            } else {
                layers.add(item);
            }
        }
        section.put("layers", layers);
    }

    /**
     * A component written as a name or a map of its name and options, with its provider's
     * defaults; left as a bare name when it has no options at all.
     */
    private Object component(Object written, ComponentRegistry<? extends ComponentProvider> registry, String nameKey) {
        if (written == null) {
            return null;
        }
        Map<String, Object> map = written instanceof Map<?, ?> ? map(written) : new LinkedHashMap<>(Map.of(nameKey,
                String.valueOf(written)));
        Optional<? extends ComponentProvider> provider = registry.find(String.valueOf(map.get(nameKey)));
        if (provider.isEmpty()) {
            return written;
        }
        if (!(written instanceof Map<?, ?>) && provider.get().options().stream().allMatch(o -> o.defaultValue() == null)) {
            return written;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(nameKey, map.remove(nameKey));
        out.putAll(filled(map, provider.get().options()));
        return out;
    }

    /** The section's keys in documented order with defaults for the absent ones, then any other keys as written. */
    private static Map<String, Object> filled(Map<String, Object> section, List<OptionSpec> specs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionSpec spec : specs) {
            if (spec.isOtherKeys()) {
                continue;
            }
            if (section.containsKey(spec.name())) {
                out.put(spec.name(), section.get(spec.name()));
            } else if (spec.defaultValue() != null) {
                out.put(spec.name(), spec.defaultValue());
            }
        }
        section.forEach(out::putIfAbsent);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
