package org.neurite.launcher.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.OptionException;

class PluginFoldersTest {

    @TempDir
    Path temp;

    @Test
    void homeThenEnvironmentThenCommandLineEachOnce() throws IOException {
        Path home = temp.resolve("neurite-0.1.0");
        Path own = Files.createDirectories(home.resolve("plugins"));
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        Path c = Files.createDirectories(temp.resolve("c"));

        PluginFolders folders = PluginFolders.resolve(home.toString(), a + File.pathSeparator + b,
                List.of(c, a.resolve("../a")));

        assertThat(folders.roots()).containsExactly(own, a, b, c);
    }

    @Test
    void aHomeWithoutPluginsFolderAndNoHomeGiveNoFolders() {
        assertThat(PluginFolders.resolve(temp.toString(), null, List.of()).roots()).isEmpty();
        assertThat(PluginFolders.resolve(null, "", List.of()).roots()).isEmpty();
    }

    @Test
    void aMissingFolderNamedByThePersonIsAnErrorSayingWhereItWasNamed() {
        Path missing = temp.resolve("missing");
        assertThatThrownBy(() -> PluginFolders.resolve(null, null, List.of(missing)))
                .isInstanceOf(OptionException.class)
                .hasMessage("--plugins-dir: no such folder: " + missing);
        assertThatThrownBy(() -> PluginFolders.resolve(null, missing.toString(), List.of()))
                .isInstanceOf(OptionException.class)
                .hasMessage("NEURITE_PLUGINS: no such folder: " + missing);
    }
}
