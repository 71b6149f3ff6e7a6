package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The assembled distribution under test, {@code target/neurite-<version>/}, and a way to run its
 * {@code bin/neurite} in a subprocess as a person would: with a working directory, environment
 * variables and a time limit.
 */
public final class Distribution {

    /** Long enough for any run the tests make on a busy two-core machine; a hang fails the test. */
    private static final long TIMEOUT_SECONDS = 120;

    private final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    /** @return the distribution that the build assembled (system property {@code neurite.distribution}) */
    public static Distribution assembled() {
        Path home = Path.of(requiredProperty("neurite.distribution"));
        assertThat(home.resolve("bin/neurite")).as("the assembled distribution's launcher script").isExecutable();
        return new Distribution(home);
    }

    /**
     * @param name a system property the build sets for the tests
     * @return its value
     */
    public static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }

    /** @return the installation folder, holding bin, lib, plugins and examples */
    public Path home() {
        return home;
    }

    /** @return the launcher script */
    public Path script() {
        return home.resolve("bin/neurite");
    }

    /**
     * Runs {@code bin/neurite} in the given working directory.
     *
     * @param workDir the working directory
     * @param args the arguments
     * @return what it did
     */
    public CommandResult run(Path workDir, String... args) {
        return run(workDir, Map.of(), args);
    }

    /**
     * Runs {@code bin/neurite} in the given working directory with extra environment variables.
     *
     * @param workDir the working directory
     * @param env variables added to (or, with a {@code null} value, removed from) the environment
     * @param args the arguments
     * @return what it did
     */
    public CommandResult run(Path workDir, Map<String, String> env, String... args) {
        return runScript(script(), workDir, env, args);
    }

    /**
     * Runs a launcher script, such as a link to {@code bin/neurite}, in a subprocess.
     *
     * @param script the script to run
     * @param workDir the working directory
     * @param env variables added to (or, with a {@code null} value, removed from) the environment
     * @param args the arguments
     * @return what it did
     */
    public static CommandResult runScript(Path script, Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        return runProcess(command, workDir, env);
    }

    /**
     * Runs a program in a subprocess, with no input, and waits for it within the time limit.
     *
     * @param command the program and its arguments
     * @param workDir the working directory
     * @param env variables added to (or, with a {@code null} value, removed from) the environment
     * @return what it did
     */
    public static CommandResult runProcess(List<String> command, Path workDir, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("neurite-stdout", ".txt");
            Path err = Files.createTempFile("neurite-stderr", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                Map<String, String> environment = builder.environment();
                // Runs must not depend on the developer's own settings.
                environment.remove("NEURITE_PLUGINS");
                environment.remove("JAVA_OPTS");
                environment.remove("NEURITE_CDS");
                // The class-data-sharing archive of bin/neurite goes under target/, not the user's cache.
                environment.put("XDG_CACHE_HOME", requiredProperty("neurite.cacheHome"));
                new HashMap<>(env).forEach((k, v) -> {
                    if (v == null) {
                        environment.remove(k);
                    } else {
                        environment.put(k, v);
                    }
                });
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    // bin/neurite runs java as its child
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within "
                            + TIMEOUT_SECONDS + " s; output so far:\n" + Files.readString(out, StandardCharsets.UTF_8)
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new CommandResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
