package org.neurite.launcher.config;

import org.neurite.api.Options;

/**
 * The checked {@code optimizer} section of a run config: the optimizer itself, its learning
 * rate schedule and gradient clipping, which the launcher applies around it.
 *
 * @param name the optimizer's registered name
 * @param options its own options (without {@code name}, {@code schedule} and {@code clip_norm})
 * @param schedule the schedule's options, or {@code null} for a constant rate
 * @param clipNorm the largest global gradient norm, or 0 for no clipping
 */
public record OptimizerConfig(String name, Options options, Options schedule, double clipNorm) {
}
