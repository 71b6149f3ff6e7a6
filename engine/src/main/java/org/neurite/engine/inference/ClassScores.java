package org.neurite.engine.inference;

import java.util.Map;

/**
 * How a classifier's outputs become class probabilities, decided by the loss it was trained
 * with: logits for {@code cross_entropy} (softmax), log-probabilities for {@code nll} (exp),
 * one logit for {@code binary_cross_entropy_with_logits} (sigmoid), one probability for
 * {@code binary_cross_entropy}. A model saved without a loss is taken to output logits.
 */
enum ClassScores {
    LOGITS, LOG_PROBABILITIES, BINARY_LOGIT, BINARY_PROBABILITY;

    /**
     * @param loss the name of the loss in the model file, or {@code null}
     * @param outputs the number of outputs per sample
     * @param source the model file, for messages
     * @return how to read the outputs
     * @throws IllegalArgumentException if the model is not a classifier
     */
    static ClassScores of(String loss, int outputs, String source) {
        ClassScores scores = switch (loss == null ? "cross_entropy" : loss) {
            case "cross_entropy" -> LOGITS;
            case "nll" -> LOG_PROBABILITIES;
            case "binary_cross_entropy_with_logits" -> BINARY_LOGIT;
            case "binary_cross_entropy" -> BINARY_PROBABILITY;
            default -> throw new IllegalArgumentException(source + ": the model was trained with the loss '" + loss
                    + "', so it is not a classifier; predict() needs cross_entropy, nll or a binary cross-entropy"
                    + " (use outputs() for its raw outputs)");
        };
        boolean binary = scores == BINARY_LOGIT || scores == BINARY_PROBABILITY;
        if (binary && outputs != 1) {
            throw new IllegalArgumentException(source + ": a model trained with " + loss + " has one output, this one has "
                    + outputs);
        }
        return scores;
    }

    /** @return the name of the loss in a model file's {@code info}, or {@code null} */
    static String lossName(Map<String, Object> info) {
        Object loss = info.get("loss");
        if (loss instanceof Map<?, ?> map) {
            loss = map.get("name");
        }
        return loss instanceof String s ? s : null;
    }

    /** @return the number of classes for this many outputs */
    int classes(int outputs) {
        return this == BINARY_LOGIT || this == BINARY_PROBABILITY ? 2 : outputs;
    }

    /**
     * @param out one sample's outputs, from {@code offset}
     * @param offset where they start
     * @param outputs how many there are
     * @return the class probabilities
     */
    float[] probabilities(float[] out, int offset, int outputs) {
        switch (this) {
            case BINARY_LOGIT, BINARY_PROBABILITY -> {
                float p = this == BINARY_LOGIT ? (float) (1 / (1 + Math.exp(-out[offset]))) : out[offset];
                return new float[] {1 - p, p};
            }
            default -> {
                float[] p = new float[outputs];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < outputs; c++) {
                    max = Math.max(max, out[offset + c]);
                }
                double sum = 0;
                for (int c = 0; c < outputs; c++) {
                    double e = this == LOG_PROBABILITIES ? Math.exp(out[offset + c]) : Math.exp(out[offset + c] - max);
                    p[c] = (float) e;
                    sum += e;
                }
                for (int c = 0; c < outputs; c++) {
                    p[c] = (float) (p[c] / sum);
                }
                return p;
            }
        }
    }
}
