package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;

/**
 * A model layer by layer: each layer's place, type, per-sample output shape and number of
 * parameters, as {@code neurite summary} prints it and as the memory a run needs is estimated from.
 */
public final class ModelSummary {

    /**
     * One layer.
     *
     * @param name its place: {@code layers[2]} in a sequential model, its name in a graph
     * @param type its type, such as {@code dense}
     * @param outputShape its per-sample output shape, without the batch axis
     * @param parameters its number of trainable and other saved values
     */
    public record Row(String name, String type, Shape outputShape, long parameters) {
    }

    private ModelSummary() {
    }

    /**
     * @param model a sequential model or a graph
     * @return its layers in the order they run
     */
    public static List<Row> rows(Model model) {
        List<Row> rows = new ArrayList<>();
        if (model instanceof Sequential s) {
            Shape shape = s.inputShape();
            List<Layer> layers = s.layers();
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                shape = layer.outputShape(shape);
                rows.add(new Row("layers[" + i + "]", layer.type(), shape, count(layer)));
            }
        } else if (model instanceof Graph g) {
            for (GraphNode node : g.nodes()) {
                rows.add(new Row(node.name(), node.layer().type(), g.shapeOf(node.name()), count(node.layer())));
            }
        } else {
            rows.add(new Row("model", model.type(), model.outputShape(), count(model)));
        }
        return rows;
    }

    /**
     * @param layer a layer or a whole model
     * @return the number of values in its parameters
     */
    public static long count(Layer layer) {
        long n = 0;
        for (Parameter p : layer.parameters().values()) {
            n += p.shape().size();
        }
        return n;
    }
}
