package org.neurite.launcher.config;

import org.neurite.api.Options;

/**
 * The checked {@code optimizer} section of a run config: the optimizer itself, its learning
 * rate schedule and gradient clipping, which the launcher applies around it.
 *
 * @param name the optimizer's registered name
 * @param options its own options (without {@code name}, {@code schedule}, {@code clip} and {@code clip_norm})
 * @param schedule the schedule's section ({@code type} and options), or {@code null} for a constant rate
 * @param clip the gradient clipping's section ({@code type} and options; {@code clip_norm: x} is read
 *     as {@code {type: norm, max_norm: x}}), or {@code null} for none
 */
public record OptimizerConfig(String name, Options options, Options schedule, Options clip) {
}
