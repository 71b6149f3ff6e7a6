package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.StatefulLayer;

/** Finds the layers of a model that carry state from one training batch to the next. */
public final class StatefulLayers {

    private StatefulLayers() {
    }

    /**
     * @param model a model, or a single layer
     * @return its layers (at any depth) that carry their state, in order
     */
    public static List<StatefulLayer> of(Layer model) {
        List<StatefulLayer> found = new ArrayList<>();
        collect(model, found);
        return found;
    }

    /**
     * Makes every carrying layer of a model start its next training batch from its initial state,
     * as at the start of an epoch.
     *
     * @param model a model, or a single layer
     */
    public static void reset(Layer model) {
        of(model).forEach(StatefulLayer::resetState);
    }

    private static void collect(Layer layer, List<StatefulLayer> found) {
        if (layer instanceof Sequential s) {
            s.layers().forEach(l -> collect(l, found));
        } else if (layer instanceof Graph g) {
            g.nodes().forEach(n -> collect(n.layer(), found));
        } else if (layer instanceof StatefulLayer s && s.carriesState()) {
            found.add(s);
        }
    }
}
