package org.neurite.engine.data;

import org.neurite.api.Shape;

/**
 * The truth tables of the logic gates as two-class datasets with binary inputs, for the
 * classic perceptron examples: {@code and}, {@code or}, {@code nand}, {@code xor} (two inputs,
 * four rows in the order 00, 01, 10, 11) and {@code not} (one input, two rows).
 */
public final class TruthTables {

    private static final float[] TWO_INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};

    private TruthTables() {
    }

    /**
     * @param gate {@code and}, {@code or}, {@code nand}, {@code xor} or {@code not}
     * @return its truth table: inputs as features, the output as the class
     * @throws IllegalArgumentException for another name
     */
    public static Dataset of(String gate) {
        return switch (gate) {
            case "and" -> twoInputs(0, 0, 0, 1);
            case "or" -> twoInputs(0, 1, 1, 1);
            case "nand" -> twoInputs(1, 1, 1, 0);
            case "xor" -> SyntheticData.xor();
            case "not" -> Dataset.ofClasses(new float[] {0, 1}, Shape.of(1), new float[] {1, 0}, 2);
            default -> throw new IllegalArgumentException("unknown logic gate '" + gate + "'; known: and, or, nand, xor, not");
        };
    }

    private static Dataset twoInputs(float... outputs) {
        return Dataset.ofClasses(TWO_INPUTS.clone(), Shape.of(2), outputs, 2);
    }
}
