package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
        void versionNamesNeuriteTheApiAndJava() {
        CommandResult version = distribution.run(temp, "version");

        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).containsPattern("neurite\\s+" + Pattern.quote(Distribution.requiredProperty("neurite.version")))
                .containsPattern("api\\s+0\\.2\\.0").contains("java");
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
    void trainsOnTheSerialCollectorKeepingLittleFreeHeapUnlessJavaOptsNamesAnother() {
        CommandResult serial = distribution.run(temp, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "train", "--help");
        CommandResult chosen = distribution.run(temp, Map.of("JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"),
                "train", "--help");

        assertThat(serial.exitCode()).as(serial.toString()).isZero();
        assertThat(serial.stdout()).contains("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20");
        assertThat(chosen.stdout()).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC")
                .doesNotContain("-XX:MaxHeapFreeRatio=20");
    }

    @Test
    void trainsOnTransparentHugePagesWhereTheKernelGivesThemOnRequestUnlessJavaOptsSaysOtherwise() throws IOException {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(setting) && Files.readString(setting).contains("[madvise]");
        CommandResult train = distribution.run(temp, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "train", "--help");
        CommandResult declined = distribution.run(temp, Map.of("JAVA_OPTS", "-XX:-UseTransparentHugePages -XX:+PrintCommandLineFlags"),
                "train", "--help");
        CommandResult evaluate = distribution.run(temp, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "evaluate", "--help");

        assertThat(train.exitCode()).as(train.toString()).isZero();
        if (onRequest) {
            assertThat(train.stdout()).contains("-XX:+UseTransparentHugePages");
        } else {
            assertThat(train.stdout()).doesNotContain("-XX:+UseTransparentHugePages");
        }
        assertThat(train.output()).doesNotContain("TransparentHugePages disabled");
        assertThat(declined.stdout()).doesNotContain("-XX:+UseTransparentHugePages");
        assertThat(evaluate.stdout()).doesNotContain("-XX:+UseTransparentHugePages");
    }

    @Test
    void usesTheJavaOfJavaHome() {
        CommandResult result = distribution.run(temp, Map.of("JAVA_HOME", System.getProperty("java.home"),
                "PATH", "/nonexistent"), "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Usage: neurite");
    }

    @Test
    void writesOneClassDataSharingArchivePerJvmAndInstallationAndThenUsesIt() throws IOException {
        Path cache = temp.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());

        CommandResult first = distribution.run(temp, env, "--help");
        CommandResult second = distribution.run(temp, Map.of("XDG_CACHE_HOME", cache.toString(),
                "JAVA_OPTS", "-Xlog:class+load=info"), "--help");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.output()).doesNotContain("cds");
        try (Stream<Path> files = Files.list(cache.resolve("neurite"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("classes-\\d+-\\d+\\.jsa");
        }
        assertThat(second.stdout()).contains("org.neurite.launcher.Main source: shared objects file");
    }

    @Test
    void aCommandThatWorksOnDataLeavesWritingTheArchiveToAJvmOfItsOwn() throws IOException {
        Path cache = temp.resolve("cache");

        CommandResult train = distribution.run(temp, Map.of("XDG_CACHE_HOME", cache.toString(),
                "JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "train", "--help");

        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(train.stdout()).contains("-XX:+UseSerialGC", "-XX:MetaspaceSize=67108864")
                .doesNotContain("ArchiveClassesAtExit");
        try (Stream<Path> files = Files.list(cache.resolve("neurite"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".jsa")).toList())
                    .singleElement().asString().matches("classes-\\d+-\\d+\\.jsa");
        }
    }

    @Test
    void aNewArchiveRemovesTheStaleOnesOfItsInstallationAndKeepsOtherInstallations() throws IOException {
        Path cache = temp.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        Path folder = cache.resolve("neurite");
        CommandResult first = distribution.run(temp, env, "--help");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String current;
        try (Stream<Path> files = Files.list(folder)) {
            current = files.map(p -> p.getFileName().toString()).findFirst().orElseThrow();
        }
        String installation = current.substring(0, current.lastIndexOf('-'));
        // as after a rebuild: this installation's archive of an earlier build, none of the current one
        Files.move(folder.resolve(current), folder.resolve(installation + "-1.jsa"));
        Files.createFile(folder.resolve("classes-42.jsa")); // named before names carried the installation
        Files.createFile(folder.resolve("classes-7-7.jsa")); // another installation's
        Files.createFile(folder.resolve("classes-7-8.jsa.2147483647.partial")); // its writer has ended
        String live = "classes-7-9.jsa." + ProcessHandle.current().pid() + ".partial";
        Files.createFile(folder.resolve(live));

        CommandResult second = distribution.run(temp, env, "--help");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(current, "classes-7-7.jsa", live);
        }
    }

    @Test
    void startsWithoutAnArchiveWhenToldNotToUseOne() {
        Path cache = temp.resolve("cache");

        CommandResult result = distribution.run(temp, Map.of("XDG_CACHE_HOME", cache.toString(), "NEURITE_CDS", "off"),
                "--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(cache).doesNotExist();
    }

    @Test
    void runsWithItsInputAndErrorOutputClosed() {
        CommandResult result = Distribution.runProcess(List.of("sh", "-c", "exec \"$0\" version <&- 2>&-",
                distribution.script().toString()), temp, Map.of());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("neurite");
    }

    @Test
    void passesTermOnToJavaAndEndsWithIt() throws Exception {
        Path config = RunConfigs.write(temp, "long.yaml", RunConfigs.SPIRALS.replace("epochs: 3", "epochs: 100000"));
        ProcessBuilder builder = new ProcessBuilder(distribution.script().toString(), "train", config.toString(),
                "--out", temp.resolve("runs").toString()).directory(temp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("XDG_CACHE_HOME", Distribution.requiredProperty("neurite.cacheHome"));
        Process script = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.isDirectory(temp.resolve("runs")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<ProcessHandle> java = script.descendants().toList();
            assertThat(java).as("java runs as the script's child").isNotEmpty();

            script.destroy(); // SIGTERM to the script alone

            assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
            assertThat(script.exitValue()).isEqualTo(143);
            for (ProcessHandle child : java) {
                assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("java ends with it").isFalse();
            }
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    @Test
    void saysWhatIsWrongWithAJavaHomeWithoutJava() {
        CommandResult result = distribution.run(temp, Map.of("JAVA_HOME", temp.toString()), "--help");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("JAVA_HOME", temp.toString(), "not an executable java");
    }
}
