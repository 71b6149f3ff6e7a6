package org.neurite.engine.autograd;

/**
 * Which layer of a model is running its forward on the current thread. Every operation recorded
 * meanwhile remembers it ({@link Node#place()}), so that a failure in its backward step, which runs
 * long after the layer's forward has returned, can still name the layer's place and type.
 */
public final class LayerScope {

    private static final ThreadLocal<Place> CURRENT = new ThreadLocal<>();

    private LayerScope() {
    }

    /**
     * A layer's place in the model and its type.
     *
     * @param path the key path of the layer inside the model, such as {@code layers[1]} or
     *     {@code layers.block.layers[0]}
     * @param type the layer's type, such as {@code dense}
     */
    public record Place(String path, String type) {
    }

    /** @return the layer running on this thread, or {@code null} outside every layer */
    public static Place current() {
        return CURRENT.get();
    }

    /**
     * Enters a layer, placed inside the one running now (if any).
     *
     * @param step the layer's place in its enclosing model, such as {@code layers[2]}
     * @param type the layer's type
     * @return the place before, to give to {@link #exit}
     */
    public static Place enter(String step, String type) {
        Place outer = CURRENT.get();
        CURRENT.set(new Place(outer == null ? step : outer.path() + "." + step, type));
        return outer;
    }

    /** @param outer what {@link #enter} returned */
    public static void exit(Place outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
