package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.api.NeuriteApi;
import org.neurite.api.OptionSpec;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigKeys;

/** The top-level command: help everywhere, usage errors, one-line errors, exit codes, --debug. */
class NeuriteCommandTest {

    @TempDir
    Path temp;

    /** A Components binding that fails, standing in for any run that breaks. */
    private static final Module BROKEN_COMPONENTS = new AbstractModule() {
        @Provides
        Components components() {
            throw new IllegalStateException("registry broken");
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "predict", "generate", "decode", "plugins", "layers", "config",
        "summary", "version"})
    void everyCommandHasHelp(String command) {
        CommandRun run = CommandRun.of(command, "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Usage: neurite " + command).contains("--help").contains("--debug");
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("plugins", "layers", "version", "--plugins-dir=DIR", "Exit codes:");
    }

    @Test
    void configHelpNamesEveryTopLevelKey() {
        CommandRun run = CommandRun.of("config", "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        String keys = run.out().substring(run.out().indexOf("the top-level keys are"), run.out().indexOf("'neurite config"))
                .replaceAll("\\s+", " ");
        for (OptionSpec key : ConfigKeys.ROOT) {
            assertThat(keys).as(key.name()).containsPattern("\\b" + key.name() + "\\b");
        }
    }

    @Test
    void configReferenceIsTheGeneratedMarkdown() {
        CommandRun run = CommandRun.of("config", "reference");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("# Run config reference").contains("## training", "### optimizer: adam",
                "### format: csv", "| `early_stopping` | map | none |");
    }

    @Test
    void summaryShowsEveryLayerWithItsOutputShapeAndParameters(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("xor.yaml");
        java.nio.file.Files.writeString(config, TrainCommandTest.XOR);

        CommandRun run = CommandRun.of("summary", config.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo("""
                input [2]
                LAYER      TYPE   OUTPUT SHAPE  PARAMETERS
                layers[0]  dense  [8]           24
                layers[1]  dense  [2]           18
                42 parameters, 0.2 KiB of float32 weights
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void noCommandShowsTheUsageAsAUsageError() {
        CommandRun run = CommandRun.of();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Usage: neurite");
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageErrorInOneLine() {
        CommandRun command = CommandRun.of("trian", "run.yaml");
        CommandRun unlike = CommandRun.of("frobnicate");
        CommandRun sub = CommandRun.of("config", "refrence");
        CommandRun option = CommandRun.of("layers", "--colour");

        String commands = "train, evaluate, predict, generate, decode, plugins, layers, config, summary, version, help";
        assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.errLines()).containsExactly("neurite: 'trian' is not a command; did you mean train?"
                + " (commands: " + commands + ")", "Try 'neurite --help' for more information.");
        assertThat(unlike.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unlike.errLines().get(0)).isEqualTo("neurite: 'frobnicate' is not a command (commands: " + commands + ")");
        assertThat(sub.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(sub.errLines()).containsExactly("neurite config: 'refrence' is not a command; did you mean reference?"
                + " (commands: reference)", "Try 'neurite config --help' for more information.");
        assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.errLines().get(0)).isEqualTo("neurite layers: Unknown option: '--colour'");
    }

    @Test
    void versionNamesNeuriteTheApiJavaAndTheKernels() {
        CommandRun run = CommandRun.of("version");
        CommandRun option = CommandRun.of("--version");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("neurite ");
        assertThat(lines.get(1)).isEqualTo("api     " + NeuriteApi.VERSION);
        assertThat(lines.get(2)).startsWith("java    " + Runtime.version());
        assertThat(lines.get(3)).startsWith("kernels ");
        assertThat(option.out()).isEqualTo(run.out());
    }

    @Test
    void aMissingPluginFolderIsAUsageErrorInOneLine() {
        Path missing = temp.resolve("missing");
        CommandRun run = CommandRun.of("--plugins-dir", missing.toString(), "layers");
        CommandRun after = CommandRun.of("layers", "--plugins-dir", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).containsExactly("neurite layers: --plugins-dir: no such folder: " + missing);
        assertThat(after.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(after.err()).isEqualTo(run.err());
    }

    @Test
    void aFailedRunIsOneLineWithExitCodeOne() {
        CommandRun run = CommandRun.with(List.of(BROKEN_COMPONENTS), null, "layers");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(run.errLines()).containsExactly("neurite layers: registry broken");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void debugShowsTheStackTrace() {
        CommandRun run = CommandRun.with(List.of(BROKEN_COMPONENTS), null, "--debug", "layers");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(run.errLines().get(0)).isEqualTo("java.lang.IllegalStateException: registry broken");
        assertThat(run.err()).contains("\tat ");
    }
}
