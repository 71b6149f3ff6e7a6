package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/neurite: finds its home from anywhere, passes arguments intact, honours JAVA_HOME and JAVA_OPTS. */
class LauncherScriptTest {

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void runsFromAnyWorkingDirectoryThroughAChainOfRelativeLinks() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("some bin"));
        Files.createSymbolicLink(bin.resolve("neurite-real-link"), distribution.script());
        Path link = Files.createSymbolicLink(temp.resolve("neurite"), Path.of("some bin/neurite-real-link"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));

        CommandResult help = Distribution.runScript(link, elsewhere, Map.of(), "--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.stdout()).contains("Usage: neurite", "train", "evaluate", "predict", "plugins", "layers",
                "version");
    }

    @Test
    void passesArgumentsThroughWithoutSplittingOrExpandingThem() {
        CommandResult result = distribution.run(temp, "version", "two words", "quote\"d", "$HOME", "*");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("'two words'", "'quote\"d'", "'$HOME'", "'*'");
    }

    @Test
    void addsJavaOptsToTheJvmOptions() {
        CommandResult result = distribution.run(temp, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx300m"),
                "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("-XX:+PrintCommandLineFlags").contains("-XX:MaxHeapSize=314572800");
    }

    @Test
    void usesTheJavaOfJavaHome() {
        CommandResult result = distribution.run(temp, Map.of("JAVA_HOME", System.getProperty("java.home"),
                "PATH", "/nonexistent"), "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Usage: neurite");
    }

    @Test
    void saysWhatIsWrongWithAJavaHomeWithoutJava() {
        CommandResult result = distribution.run(temp, Map.of("JAVA_HOME", temp.toString()), "--help");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("JAVA_HOME", temp.toString(), "not an executable java");
    }
}
