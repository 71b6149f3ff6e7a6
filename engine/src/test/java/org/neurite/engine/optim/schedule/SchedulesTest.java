package org.neurite.engine.optim.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.engine.registry.Components;

/**
 * Expected rates come from torch 1.13, reading the rate before each optimizer step:
 * <pre>
 * def rates(make, n):
 *     opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
 *     s = make(opt); out = []
 *     for _ in range(n):
 *         out.append(opt.param_groups[0]['lr']); opt.step(); s.step()
 *     return out
 * L = torch.optim.lr_scheduler
 * </pre>
 * with the scheduler named in each test.
 */
class SchedulesTest {

    private static final double BASE = 0.1;

    @Test
    void constantIsTheDefault() {
        LearningRateSchedule schedule = Components.builtIns().schedule(Options.empty(), new ScheduleContext(BASE, 100));

        assertThat(schedule).isEqualTo(new ConstantRate(BASE));
        assertThat(schedule.rate(0)).isEqualTo(BASE);
        assertThat(schedule.rate(1000)).isEqualTo(BASE);
    }

    @Test
    void stepMatchesStepLR() {
        // rates(lambda o: L.StepLR(o, step_size=3, gamma=0.5), 10)
        double[] torch = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125};

        assertRates(schedule(Map.of("type", "step", "step_size", 3, "gamma", 0.5)), torch);
    }

    @Test
    void exponentialMatchesExponentialLR() {
        // rates(lambda o: L.ExponentialLR(o, gamma=0.9), 8)
        double[] torch = {0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002, 0.06561000000000002,
            0.05904900000000002, 0.05314410000000002, 0.04782969000000002};

        assertRates(schedule(Map.of("type", "exponential", "gamma", 0.9)), torch);
    }

    @Test
    void cosineWithoutWarmupMatchesCosineAnnealingLR() {
        // rates(lambda o: L.CosineAnnealingLR(o, T_max=10, eta_min=0.001), 11)
        double[] torch = {0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742, 0.0657963412215599, 0.0505,
            0.03520365877844011, 0.02140463001152259, 0.010453658778440109, 0.0034227024433899004, 0.001};

        LearningRateSchedule schedule = schedule(Map.of("type", "cosine", "total_steps", 10, "min_lr", 0.001));

        assertRates(schedule, torch);
        assertThat(schedule.rate(11)).isEqualTo(0.001);
        assertThat(schedule.rate(500)).isEqualTo(0.001);
    }

    @Test
    void cosineWithWarmupMatchesLinearThenCosineAnnealing() {
        // rates(lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=1/4, end_factor=1.0, total_iters=3),
        //                                    L.CosineAnnealingLR(o, T_max=6, eta_min=0.002)], milestones=[4]), 11)
        double[] torch = {0.025, 0.05, 0.07500000000000001, 0.1, 0.1, 0.09343524478543751, 0.07550000000000001,
            0.051000000000000004, 0.02650000000000001, 0.008564755214562503, 0.002};

        LearningRateSchedule schedule = schedule(Map.of("type", "cosine", "warmup_steps", 4, "total_steps", 10,
                "min_lr", 0.002));

        assertThat(schedule).isEqualTo(new WarmupCosine(BASE, 4, 10, 0.002));
        assertRates(schedule, torch);
    }

    @Test
    void unknownTypeNamesTheKeyPathAndTheClosestType() {
        assertThatThrownBy(() -> schedule(Map.of("type", "cosin")))
                .isInstanceOf(OptionException.class)
                .hasMessage("train.schedule.type: unknown learning rate schedule 'cosin' (did you mean 'cosine'?);"
                        + " known: constant, cosine, exponential, reduce_on_plateau, step");
    }

    @Test
    void unknownKeyIsCheckedAgainstTheType() {
        assertThatThrownBy(() -> schedule(Map.of("type", "step", "step_size", 2, "warmup_steps", 3)))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("train.schedule.warmup_steps: unknown option");
        assertThatThrownBy(() -> schedule(Map.of("gamma", 0.5)))
                .hasMessageStartingWith("train.schedule.gamma: unknown option");
    }

    @Test
    void missingAndOutOfRangeValuesNameTheKeyPath() {
        assertThatThrownBy(() -> schedule(Map.of("type", "step")))
                .hasMessage("train.schedule.step_size: is required but missing");
        assertThatThrownBy(() -> schedule(Map.of("type", "step", "step_size", 0)))
                .hasMessage("train.schedule.step_size: must be a whole number >= 1, got 0");
        assertThatThrownBy(() -> schedule(Map.of("type", "exponential", "gamma", -0.5)))
                .hasMessage("train.schedule.gamma: must be a finite number > 0, got -0.5");
        assertThatThrownBy(() -> schedule(Map.of("type", "cosine", "warmup_steps", 10, "total_steps", 10)))
                .hasMessage("train.schedule.total_steps: must be greater than warmup_steps (10), got 10");
        assertThatThrownBy(() -> schedule(Map.of("type", "cosine", "total_steps", 10, "min_lr", 0.5)))
                .hasMessage("train.schedule.min_lr: must not exceed the base learning rate 0.1, got 0.5");
    }

    @Test
    void cosineRunsToTheEndOfTheRunUnlessToldOtherwise() {
        LearningRateSchedule schedule = Components.builtIns().schedule(
                Options.of("train.schedule", Map.of("type", "cosine", "min_lr", 0.001)), new ScheduleContext(BASE, 10));

        assertThat(schedule).isEqualTo(new WarmupCosine(BASE, 0, 10, 0.001));
    }

    @Test
    void documentsTheOptionsOfEachType() {
        Components components = Components.builtIns();
        assertThat(components.schedules().names())
                .containsExactly("constant", "cosine", "exponential", "reduce_on_plateau", "step");
        assertThat(components.schedules().get("cosine", "type").options()).extracting(OptionSpec::name)
                .containsExactly("warmup_steps", "total_steps", "min_lr");
        assertThat(components.schedules().get("step", "type").options()).extracting(OptionSpec::name)
                .containsExactly("step_size", "gamma");
    }

    private static LearningRateSchedule schedule(Map<String, Object> options) {
        return Components.builtIns().schedule(Options.of("train.schedule", options), new ScheduleContext(BASE, 1000));
    }

    private static void assertRates(LearningRateSchedule schedule, double[] expected) {
        for (int step = 0; step < expected.length; step++) {
            assertThat(schedule.rate(step)).as("step %d", step).isCloseTo(expected[step], within(1e-12));
        }
    }
}
