package org.neurite.launcher.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.engine.registry.ComponentRef;
import org.neurite.engine.registry.Components;

/**
 * Checks the {@code optimizer} section: the optimizer's own options and the shared ones (schedule,
 * clipping) together, then creates each, as the run will.
 */
final class OptimizerCheck {

    private OptimizerCheck() {
    }

    /**
     * @param root the config's top level
     * @param components where the optimizer, schedule and clipping are looked up
     * @param problems where problems beyond the first are recorded
     * @return the checked optimizer section
     * @throws OptionException the first problem
     */
    static OptimizerConfig check(Options root, Components components, Problems problems) {
        ComponentRef ref = ComponentRef.read(root, "optimizer");
        Options all = ref.options();
        // the optimizer's own keys and the shared ones, checked together so an unknown key is told all of them
        List<OptionSpec> accepted = new ArrayList<>(components.optimizers().get(ref.name(), root.pathOf("optimizer"))
                .options());
        ConfigKeys.OPTIMIZER_COMMON.stream().filter(o -> !o.name().equals("name")).forEach(accepted::add);
        List<OptionException> found = SectionCheck.problems(all, accepted, Set.of());
        if (!found.isEmpty()) {
            found.subList(1, found.size()).forEach(problems::add);
            throw found.get(0);
        }
        Map<String, Object> own = new LinkedHashMap<>(all.asMap());
        own.remove("schedule");
        own.remove("clip");
        own.remove("clip_norm");
        Options options = Options.of(all.path(), own);
        Optimizer optimizer = components.optimizer(ref.name(), options);
        Options clip = clipping(all);
        if (clip != null) {
            components.clipper(clip);
        }
        Options schedule = all.has("schedule") ? all.getOptions("schedule") : null;
        if (schedule != null) {
            // the run's length is known once the data is read; until then every length passes
            components.schedule(schedule, new ScheduleContext(optimizer.learningRate(), ScheduleContext.UNKNOWN_LENGTH));
        }
        return new OptimizerConfig(ref.name(), options, schedule, clip);
    }

    /** The clipping section: {@code clip}, or {@code clip_norm: x} read as {@code {type: norm, max_norm: x}}; null for none. */
    private static Options clipping(Options optimizer) {
        if (optimizer.has("clip") && optimizer.has("clip_norm")) {
            throw new OptionException(optimizer.pathOf("clip_norm"), "give either clip or clip_norm (short for"
                    + " clip: {type: norm, max_norm: ...}), not both");
        }
        if (optimizer.has("clip")) {
            return optimizer.getOptions("clip");
        }
        double clipNorm = optimizer.getDouble("clip_norm", 0);
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new OptionException(optimizer.pathOf("clip_norm"), "expected 0 (no clipping) or a positive number, got "
                    + clipNorm);
        }
        return clipNorm == 0 ? null : Options.of(optimizer.pathOf("clip_norm"), Map.of("type", "norm", "max_norm", clipNorm));
    }
}
