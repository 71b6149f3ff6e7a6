package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The clock of {@code neurite generate --timing}. It reports two figures, each for what it is:
 * the generation loop alone (from the first character drawn after the prompt pass to the last
 * one fed back), as a script that times its own sampling loop inside a warm process measures it;
 * and the whole command from the process's start (JVM start-up, plugins, model, any warm-up, the
 * prompt and the loop), which is what a user waits for.
 */
final class GenerationTiming {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long loaded = System.nanoTime();
    private long warmedUp;
    private long promptStarts;
    private long loopStarts;
    private long loopCpuStarts;
    private long done;
    private long loopCpu;

    /** Marks the end of the warm-up (right after loading when there is none). */
    void warmedUp() {
        warmedUp = System.nanoTime();
    }

    /** Marks the start of the prompt pass. */
    void promptStarts() {
        promptStarts = System.nanoTime();
    }

    /** Called as each character is drawn; the first one ends the prompt pass and starts the loop. */
    void drawn() {
        if (loopStarts == 0) {
            loopStarts = System.nanoTime();
            loopCpuStarts = cpu();
        }
    }

    /** Marks the end of the loop. */
    void done() {
        done = System.nanoTime();
        if (loopStarts == 0) {
            loopStarts = done;
            loopCpuStarts = cpu();
        }
        loopCpu = cpu() - loopCpuStarts;
    }

    /**
     * Prints both figures.
     *
     * @param err where to print
     * @param characters how many characters were generated
     * @param warmUp how many throwaway characters the warm-up fed
     */
    void report(PrintWriter err, int characters, int warmUp) {
        double loop = seconds(loopStarts, done);
        err.printf(Locale.ROOT, "generation loop: %d characters in %.4f s after the prompt pass (%.4f s of CPU):"
                        + " %.0f characters/s; %s%n", characters, loop, loopCpu / 1e9, characters / loop,
                warmUp == 0 ? "no warm-up before it (the JIT compiles as it goes)"
                        : String.format(Locale.ROOT, "a warm-up of %d characters (%.3f s) before it", warmUp,
                                seconds(loaded, warmedUp)));
        ProcessHandle.Info process = ProcessHandle.current().info();
        Instant now = Instant.now();
        long sinceLoaded = System.nanoTime() - loaded;
        double whole = process.startInstant().map(s -> Duration.between(s, now).toNanos() / 1e9).orElse(Double.NaN);
        double beforeModel = whole - sinceLoaded / 1e9;
        err.printf(Locale.ROOT, "whole command: %d characters in %.3f s from the process's start (start-up, plugins"
                        + " and model %.3f s, warm-up %.3f s, prompt pass %.4f s, loop %.4f s; CPU of all threads %.2f s):"
                        + " %.0f characters/s%n", characters, whole, beforeModel, seconds(loaded, warmedUp),
                seconds(promptStarts, loopStarts), loop,
                process.totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN), characters / whole);
    }

    private long cpu() {
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0L;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
