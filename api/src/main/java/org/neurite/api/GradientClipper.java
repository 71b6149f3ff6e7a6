package org.neurite.api;

import java.util.Map;

/**
 * Rescales or limits the gradients of a model's parameters in place, after the backward pass
 * and before the optimizer's step (as {@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_} do). It works on {@link Parameter#gradient()}, the live storage.
 */
public interface GradientClipper {

    /** @return the name it is registered under, such as {@code norm} */
    String name();

    /**
     * Clips the gradients of every trainable parameter that has one; others are left alone.
     *
     * @param parameters the model's parameters, by name
     * @return the measure the clipping was decided on, before clipping (for a norm clipper, the
     *     gradients' norm), so a trainer can log it
     */
    double clip(Map<String, Parameter> parameters);
}
