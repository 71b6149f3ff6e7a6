package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * How the attention layers read the inputs a model lists for them, told apart by rank: the
 * sequence {@code [time, width]} first; then, for cross attention, the memory it attends to
 * {@code [source time, width]}; last, optionally, the keys' padding mask {@code [keys]}
 * (1 = real step, 0 = padding) — of the sequence itself in self attention, of the memory in
 * cross attention.
 *
 * @param sequence the per-sample shape of the sequence
 * @param memory the per-sample shape of the memory, or null for self attention
 * @param hasMask whether a key padding mask comes last
 */
record AttentionInputs(Shape sequence, Shape memory, boolean hasMask) {

    /**
     * @param type the layer type, for messages
     * @param shapes the per-sample shapes in order
     * @param needsMemory whether the layer attends to a memory (a decoder layer must)
     * @return the reading
     * @throws ShapeMismatchException naming the layer and the shapes if they fit no reading
     */
    static AttentionInputs of(String type, List<Shape> shapes, boolean needsMemory) {
        String expected = needsMemory ? "[time, width], the memory [source time, width] and optionally its padding"
                + " mask [source time]" : "[time, width], optionally the memory [source time, width] of cross"
                + " attention, and optionally the keys' padding mask [keys]";
        if (shapes.isEmpty() || shapes.size() > 3 || shapes.get(0).rank() != 2) {
            throw new ShapeMismatchException(type + ": expects " + expected + ", got " + shapes);
        }
        Shape sequence = shapes.get(0);
        Shape memory = shapes.size() > 1 && shapes.get(1).rank() == 2 ? shapes.get(1) : null;
        int maskAt = memory == null ? 1 : 2;
        boolean hasMask = shapes.size() > maskAt;
        if (shapes.size() > maskAt + 1 || (hasMask && shapes.get(maskAt).rank() != 1)) {
            throw new ShapeMismatchException(type + ": expects " + expected + ", got " + shapes);
        }
        if (needsMemory && memory == null) {
            throw new ShapeMismatchException(type + ": needs the encoder's output (the memory [source time, width])"
                    + " as its second input, got " + shapes);
        }
        if (memory != null && memory.dim(1) != sequence.dim(1)) {
            throw new ShapeMismatchException(type + ": the memory " + memory + " must have the sequence's width "
                    + sequence.dim(1) + ", got " + shapes);
        }
        int keys = memory == null ? sequence.dim(0) : memory.dim(0);
        if (hasMask && shapes.get(maskAt).dim(0) != keys) {
            throw new ShapeMismatchException(type + ": the padding mask " + shapes.get(maskAt) + " must be [" + keys
                    + "], one value per key, got " + shapes);
        }
        return new AttentionInputs(sequence, memory, hasMask);
    }

    /** @return how many inputs this reading takes */
    int count() {
        return 1 + (memory == null ? 0 : 1) + (hasMask ? 1 : 0);
    }

    /** @return the memory tensor among the inputs, or null */
    Tensor memoryOf(List<Tensor> inputs) {
        return memory == null ? null : inputs.get(1);
    }

    /** @return the mask tensor among the inputs, or null */
    Tensor maskOf(List<Tensor> inputs) {
        return hasMask ? inputs.get(count() - 1) : null;
    }

    /** Checks that a forward call got the inputs this layer was built for. */
    void check(String type, List<Tensor> inputs) {
        if (inputs.size() != count()) {
            throw new ShapeMismatchException(type + ": was built for " + count() + " inputs (" + describe()
                    + "), got " + inputs.size());
        }
    }

    private String describe() {
        return "sequence" + (memory == null ? "" : ", memory") + (hasMask ? ", key padding mask" : "");
    }
}
