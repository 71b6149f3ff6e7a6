package org.neurite.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

import org.neurite.engine.generate.Sampling;
import org.neurite.engine.generate.TextGenerator;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

/**
 * Generation from the model of {@code examples/transformer/shakespeare-gpt.yaml} (4 pre-norm
 * blocks of 4 heads, width 128, context 64, vocabulary 65, tied head; untrained, which costs the
 * same per character as trained weights) with its key/value cache, as {@code neurite generate}
 * runs it: characters drawn at temperature 0.8 and fed back, the decoder going on from the latest
 * half context (cached meanwhile by a follower session) whenever its cache is full. A step's
 * products run in the array kernels' two lanes (the calling thread and a decode worker), or on the
 * calling thread alone with {@code -Dneurite.threads=1}. Prints, per round, the calling thread's CPU
 * microseconds per character (steadier than the wall clock on a shared machine, but it leaves out
 * the worker's share), those of the whole process (every thread: the worker, and the JIT and
 * collector too) and the wall characters per second.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * org.neurite.bench.GenerationCpuTime [characters] [rounds]} (default 2000 characters, 6 rounds;
 * the first rounds are the JIT's warm-up).
 */
public final class GenerationCpuTime {

    private static final int CONTEXT = ShakespeareGpt.CONTEXT;
    private static final int VOCABULARY = ShakespeareGpt.VOCABULARY;

    private GenerationCpuTime() {
    }

    /**
     * @param args the characters per round (default 2000) and the rounds (default 6)
     * @throws IOException if the plugins' extension index cannot be read
     */
    public static void main(String[] args) throws IOException {
        int characters = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Components components = ShakespeareGpt.components();
        Sequential model = ShakespeareGpt.model(components);
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < VOCABULARY; i++) {
            vocabulary.add(Character.toString('!' + i));
        }
        TextGenerator generator = new TextGenerator(model, vocabulary);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            StringBuilder text = new StringBuilder();
            long cpu = threads.getCurrentThreadCpuTime();
            long all = process.getProcessCpuTime();
            long wall = System.nanoTime();
            generator.generate("!", characters, new Sampling(0.8, 0, round), text::append);
            double cpuUs = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / characters;
            double allUs = (process.getProcessCpuTime() - all) / 1e3 / characters;
            double wallS = (System.nanoTime() - wall) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %d characters, %.1f us of CPU per character (%.1f us of the"
                    + " process's), %.0f characters/s%n", round, characters, cpuUs, allUs, characters / wallS);
        }
    }
}
