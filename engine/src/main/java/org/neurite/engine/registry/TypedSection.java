package org.neurite.engine.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * A config section that names its provider by a {@code type} key among the provider's own
 * options, as {@code schedule: {type: cosine, warmup_steps: 500}} does.
 *
 * @param type the provider's name
 * @param options the other keys, under the section's own key path
 */
record TypedSection(String type, Options options) {

    /**
     * @param section the section as configured
     * @param fallback the type when the key is absent, or {@code null} if it is required
     * @return the type and the rest
     * @throws OptionException if the type is required but missing, or not a string
     */
    static TypedSection read(Options section, String fallback) {
        String type = fallback == null || section.has("type") ? section.getString("type") : fallback;
        Map<String, Object> rest = new LinkedHashMap<>(section.asMap());
        rest.remove("type");
        return new TypedSection(type, Options.of(section.path(), rest));
    }
}
