package org.neurite.launcher.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the commands' tests look up in the run folders a command wrote. */
final class RunFolders {

    private RunFolders() {
    }

    /**
     * @param runs a folder of run folders
     * @return its first entry: the run folder when one run was written there
     */
    static Path only(Path runs) throws IOException {
        try (Stream<Path> all = Files.list(runs)) {
            return all.findFirst().orElseThrow();
        }
    }

    /**
     * @param run a run folder
     * @return the paths of its files relative to it, sorted
     */
    static List<String> files(Path run) throws IOException {
        try (Stream<Path> all = Files.walk(run)) {
            return all.filter(Files::isRegularFile).map(p -> run.relativize(p).toString()).sorted().toList();
        }
    }
}
