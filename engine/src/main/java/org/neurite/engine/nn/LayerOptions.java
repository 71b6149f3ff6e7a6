package org.neurite.engine.nn;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Options;

/** The options a layer built from Java code records for its saved architecture, in a fixed key order. */
final class LayerOptions {

    private LayerOptions() {
    }

    /**
     * @param keysAndValues alternating keys and values
     * @return the options, keys in the order given, so saved architectures read the same on every run
     */
    static Options of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Options.of(map);
    }
}
