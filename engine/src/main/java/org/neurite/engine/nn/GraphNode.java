package org.neurite.engine.nn;

import java.util.List;

import org.neurite.api.Layer;

/**
 * One layer of a {@link Graph}, with the names of what it takes (graph inputs or other layers), in order.
 *
 * @param name the layer's name: its output's name, and the prefix of its parameters
 * @param inputs the names of its inputs
 * @param layer the layer
 */
record GraphNode(String name, List<String> inputs, Layer layer) {
}
