package org.neurite.engine.inference;

import java.util.Arrays;

/**
 * What a classifier says about one input.
 *
 * @param index the index of the most probable class
 * @param name its name, or {@code null} when the model carries no class names
 * @param probabilities the probability of each class, summing to 1
 */
public record Prediction(int index, String name, float[] probabilities) {

    /** @return the probability of the predicted class */
    public float probability() {
        return probabilities[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && p.index == index && java.util.Objects.equals(p.name, name)
                && Arrays.equals(p.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * index + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return (name == null ? "class " + index : name + " (" + index + ")") + " p=" + probabilities[index];
    }
}
