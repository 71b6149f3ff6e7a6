package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

/**
 * One row of a layer's test table for {@link LayerTestHarness}: a layer type with options, the
 * per-sample input shape, what it must give, and the options and inputs it must refuse.
 */
final class LayerCase {

    /** Options or an input the layer must refuse, with the exception and a part of its message. */
    record Failure(String label, Map<String, Object> options, Shape input, Class<? extends Exception> exception,
                   String message) {
    }

    final String type;
    final Map<String, Object> options;
    Shape input = Shape.of(5);
    Shape output;
    int parameterCount;
    int batch = 4;
    int indexRange;
    boolean randomForward;
    Mode mode = Mode.TRAINING;
    final List<Failure> failures = new ArrayList<>();

    private LayerCase(String type, Map<String, ?> options) {
        this.type = type;
        this.options = new LinkedHashMap<>(options);
    }

    /**
     * @param type the layer type
     * @param options its options, as in a config
     * @return a case with input {@code [5]}
     */
    static LayerCase of(String type, Map<String, ?> options) {
        return new LayerCase(type, options);
    }

    /** @return this case with a per-sample input shape */
    LayerCase input(int... dims) {
        this.input = Shape.of(dims);
        return this;
    }

    /** @return this case expecting a per-sample output shape */
    LayerCase output(int... dims) {
        this.output = Shape.of(dims);
        return this;
    }

    /** @return this case expecting that many trainable scalars */
    LayerCase parameters(int count) {
        this.parameterCount = count;
        return this;
    }

    /** @return this case run on batches of {@code n} samples (default 4) */
    LayerCase batch(int n) {
        this.batch = n;
        return this;
    }

    /** @return this case fed integral indices in {@code [0, range)}, through which no gradient flows */
    LayerCase indices(int range) {
        this.indexRange = range;
        return this;
    }

    /** @return this case marked as drawing random numbers in its forward pass (dropout) */
    LayerCase randomForward() {
        this.randomForward = true;
        return this;
    }

    /** @return this case checked and trained in that mode (default training) */
    LayerCase mode(Mode m) {
        this.mode = m;
        return this;
    }

    /**
     * @param badOptions options the layer must refuse
     * @param message the message, or its beginning, with the key path in a model ({@code model.layers[0]...})
     * @return this case
     */
    LayerCase rejectsOptions(Map<String, ?> badOptions, String message) {
        failures.add(new Failure("options " + badOptions, new LinkedHashMap<>(badOptions), null,
                OptionException.class, message));
        return this;
    }

    /**
     * @param dims a per-sample input shape this case's layer must refuse when the model is built
     * @param message the message, or its beginning, naming the layer's place and both shapes
     * @return this case
     */
    LayerCase rejectsInput(int[] dims, String message) {
        failures.add(new Failure("input " + Shape.of(dims), options, Shape.of(dims), ShapeMismatchException.class,
                message));
        return this;
    }

    @Override
    public String toString() {
        return type + " " + options + " on " + input;
    }
}
