package org.neurite.api;

/** Whether a forward pass trains the model or uses it: dropout and batch norm behave differently. */
public enum Mode {
    /** Training: dropout drops, batch norm uses batch statistics and updates its running ones. */
    TRAINING,
    /** Inference: dropout passes through, batch norm uses its running statistics. */
    INFERENCE
}
