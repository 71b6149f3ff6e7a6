package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

import org.junit.jupiter.api.Test;

class WarmupPaceTest {

    /** A warm-up on a clock of its own: passes of the given times, the JIT compiling the given share of each. */
    private static final class Run {
        private long now;
        private double jitMillis;
        private final WarmupPace pace = new WarmupPace(() -> now, () -> (long) jitMillis);
        int passes;

        /** Makes passes until the pace says stop, and returns their number. */
        int until(IntToLongFunction passMillis, IntToDoubleFunction jitShare) {
            boolean goOn = true;
            while (goOn) {
                passes++;
                long took = TimeUnit.MICROSECONDS.toNanos(passMillis.applyAsLong(passes) * 1000);
                now += took;
                jitMillis += jitShare.applyAsDouble(passes) * took / 1e6;
                goOn = pace.goOn(passes, took);
            }
            return passes;
        }
    }

    private static double seconds(Run run) {
        return run.now / 1e9;
    }

    @Test
    void costlyStepsEndOnceTwoWindowsOfStepsHaveTheSameMedianAndTheJitIsIdle() {
        Run run = new Run();

        assertThat(run.until(pass -> 20, pass -> 0)).isEqualTo(2 * WarmupPace.WINDOW);
        assertThat(run.pace.ended()).isEqualTo("steady, the JIT quiet");
        assertThat(run.pace.report(run.passes)).isEqualTo("kernel warm-up: 32 passes in 0.64 s, ended steady, the JIT"
                + " quiet (fastest pass 20.00 ms, median of the last 16 20.00 ms)");
    }

    @Test
    void passesSlowedByACollectionOrOtherWorkNeitherEndNorProlongTheWarmUp() {
        Run run = new Run();

        // every fifth pass five times as slow, and a faster one now and then
        assertThat(run.until(pass -> pass % 5 == 0 ? 100 : pass % 7 == 0 ? 15 : 20, pass -> 0))
                .isEqualTo(2 * WarmupPace.WINDOW);
    }

    @Test
    void stepsStillGettingFasterAreNotSteady() {
        Run run = new Run();

        // 80 ms falling by 2% a pass for 60 passes, then flat
        run.until(pass -> Math.round(80 * Math.pow(0.98, Math.min(pass, 60))), pass -> 0);

        // flat from pass 60: steady once a whole window of flat passes lies before the last one
        assertThat(run.passes).isBetween(60 + WarmupPace.WINDOW, 60 + 2 * WarmupPace.WINDOW);
        assertThat(run.pace.ended()).isEqualTo("steady, the JIT quiet");
    }

    @Test
    void stepsSlowerThanTheBestEarlierOnesAreNotSteady() {
        Run run = new Run();

        // the JIT busy while the steps are fast, idle once they have become slower
        run.until(pass -> pass <= 40 ? 20 : 30, pass -> pass <= 40 ? 0.5 : 0);

        assertThat(run.pace.ended()).isEqualTo("at the time limit");
    }

    @Test
    void aBusyJitKeepsTheWarmUpGoingUntilItHasBeenIdleForTheSpan() {
        Run run = new Run();

        // the JIT takes half the time for the first 100 passes (2 s), then nearly nothing
        run.until(pass -> 20, pass -> pass <= 100 ? 0.5 : 0.01);

        long span = TimeUnit.NANOSECONDS.toMillis(WarmupPace.JIT_SPAN_NANOS) / 20;
        assertThat(run.passes).isBetween(100 + (int) (span * 0.5), 100 + (int) span + 1);
        assertThat(run.pace.ended()).isEqualTo("steady, the JIT quiet");
    }

    @Test
    void aJitThatNeverRestsEndsTheWarmUpAtTheTimeLimit() {
        Run run = new Run();

        run.until(pass -> 50, pass -> 0.5);

        assertThat(run.pace.ended()).isEqualTo("at the time limit");
        assertThat(seconds(run)).isBetween(8.0, 8.05);
    }

    @Test
    void aJvmThatDoesNotMeasureItsJitCountsAsIdle() {
        long[] now = {0};
        WarmupPace pace = new WarmupPace(() -> now[0], () -> -1);
        int passes = 0;
        boolean goOn = true;
        while (goOn) {
            passes++;
            now[0] += TimeUnit.MILLISECONDS.toNanos(20);
            goOn = pace.goOn(passes, TimeUnit.MILLISECONDS.toNanos(20));
        }

        assertThat(passes).isEqualTo(2 * WarmupPace.WINDOW);
    }

    @Test
    void cheapStepsGoOnToTheOptimizedPassesThoughSteady() {
        Run run = new Run();

        assertThat(run.until(pass -> 2, pass -> 0)).isEqualTo(WarmupPace.OPTIMIZED_PASSES);
        assertThat(run.pace.ended()).isEqualTo("steady, the JIT quiet");
    }

    @Test
    void cheapStepsThatAddUpGoOnForTheOptimizedTimeAtMost() {
        Run run = new Run();

        // 8 ms passes: 500 of them make the 4 s
        assertThat(run.until(pass -> 8, pass -> 0)).isEqualTo(500);
        assertThat(run.pace.ended()).isEqualTo("steady, the JIT quiet");
    }

    @Test
    void cheapStepsOfABusyJitEndAtThePassLimit() {
        Run run = new Run();

        assertThat(run.until(pass -> 2, pass -> 0.5)).isEqualTo(WarmupPace.MAX_PASSES);
        assertThat(run.pace.ended()).isEqualTo("at the pass limit");
    }

    @Test
    void noFewerPassesThanTheLeast() {
        Run run = new Run();
        WarmupPace pace = run.pace;

        // the first window alone has nothing before it to be compared with
        for (int pass = 1; pass < 2 * WarmupPace.WINDOW; pass++) {
            run.now += TimeUnit.MILLISECONDS.toNanos(50);
            assertThat(pace.goOn(pass, TimeUnit.MILLISECONDS.toNanos(50))).as("pass %d", pass).isTrue();
        }
        run.now += TimeUnit.MILLISECONDS.toNanos(50);
        assertThat(pace.goOn(2 * WarmupPace.WINDOW, TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
        assertThat(2 * WarmupPace.WINDOW).isGreaterThanOrEqualTo(WarmupPace.PASSES);
    }

    @Test
    void aWarmUpThatFailedBeforeItsFirstPassSaysSo() {
        assertThat(new WarmupPace(() -> 0, () -> 0).report(0))
                .isEqualTo("kernel warm-up: 0 passes in 0.00 s, ended by a failure (fastest pass 0.00 ms, median of the"
                        + " last 0 0.00 ms)");
    }
}
