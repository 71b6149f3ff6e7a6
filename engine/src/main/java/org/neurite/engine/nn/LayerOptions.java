package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * @param values whole numbers, such as a layer's axes
     * @return them as the list a config would write
     */
    static List<Integer> list(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }
}
