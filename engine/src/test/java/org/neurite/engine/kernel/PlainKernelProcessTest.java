package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Starts a JVM the way an embedder might (without {@code --add-modules jdk.incubator.vector},
 * or with {@code neurite.kernels=scalar}) and checks that the engine picks the plain kernel,
 * logs it once, and multiplies correctly.
 */
class PlainKernelProcessTest {

    /** Entry point of the child JVM: prints one product and checks a larger one. */
    public static void main(String[] args) {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        System.out.println("product " + c[0] + " " + c[1] + " " + c[2] + " " + c[3]);
        GemmCase big = new GemmCase(true, false, 130, 70, 300, 1f, 0.5f, 2, 3);
        big.check(big.runPublic(), "child JVM");
        System.out.println("large product ok");
        float[] gates = {0f, 1f, -1f};
        Squashing.tanh(gates, 0, 3);
        RecurrentGates.add(gates, 0, new float[] {1f, 1f, 1f}, 0, 3);
        System.out.println("gates " + gates[0] + " " + gates[1]);
    }

    @Test
    void withoutTheVectorModuleThePlainKernelRuns() throws Exception {
        String output = runChild(List.of("-Djava.util.logging.SimpleFormatter.format=%4$s %5$s%n"));
        assertThat(output).contains("product 58.0 64.0 139.0 154.0", "large product ok", "gates 1.0 1.7615942")
                .contains("WARNING GEMM kernel: plain Java 4x16 (module jdk.incubator.vector absent: training runs"
                        + " several times slower");
        assertThat(output.split("GEMM kernel", -1)).hasSize(2);
    }

    @Test
    void propertyForcesThePlainKernelEvenWithTheModule() throws Exception {
        String output = runChild(List.of("--add-modules", "jdk.incubator.vector", "-Dneurite.kernels=scalar",
                "-Dneurite.threads=2", "-Djava.util.logging.SimpleFormatter.format=%5$s%n"));
        assertThat(output).contains("product 58.0 64.0 139.0 154.0", "large product ok")
                .contains("GEMM kernel: plain Java 4x16 (neurite.kernels=scalar); threads: 2");
    }

    @Test
    void unknownKernelNameIsAClearError() throws Exception {
        String output = runChild(List.of("-Dneurite.kernels=fastest"));
        assertThat(output).contains("system property neurite.kernels must be auto, vector or scalar, got 'fastest'");
    }

    private static String runChild(List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PlainKernelProcessTest.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
