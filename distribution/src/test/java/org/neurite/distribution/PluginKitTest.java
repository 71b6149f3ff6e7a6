package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin author's path, end to end, exactly as the README's "Writing a plugin" section
 * writes it: its commands are read from the README and run one by one in a copy of the source
 * tree (as a fresh clone has it), against a local Maven repository that holds no Neurite
 * artifact before they run. Only two things are added to the commands: {@code -o} and that
 * repository for Maven (nothing is downloaded, nothing is written into the shared repository),
 * and the assembled distribution's {@code bin/neurite} for the path the README gives.
 */
class PluginKitTest {

    /** What the copy leaves out: build output, version control, and the large example data. */
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", "runs", ".idea", "examples/data");

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void theReadmesPluginStepsWorkFromAnEmptyRepository() throws IOException {
        Path clone = copySourceTree(temp.resolve("neurite"));
        Path repository = authorRepository();
        List<String> commands = documentedCommands(Path.of(Distribution.requiredProperty("neurite.sourceTree"),
                "README.md"));
        assertThat(commands).hasSize(4);

        Path dir = clone;
        List<CommandResult> results = new ArrayList<>();
        for (String line : commands) {
            String command = line;
            if (command.startsWith("cd ")) {
                String[] parts = command.split(" && ", 2);
                dir = dir.resolve(parts[0].substring(3).trim());
                command = parts[1];
            }
            CommandResult result = Distribution.runProcess(argv(command, repository), dir, Map.of());
            assertThat(result.exitCode()).as(line + "\n" + result).isZero();
            results.add(result);
        }

        Path zip = dir.resolve("target/mish-1.0.0.zip");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(new String(z.getInputStream(z.getEntry("classes/META-INF/extensions.idx")).readAllBytes()))
                    .contains("com.example.neurite.mish.LayerScale$Provider", "com.example.neurite.mish.MishProvider");
            assertThat(z.getEntry("examples/spirals-layer-scale.yaml")).isNotNull();
            assertThat(z.stream().map(e -> e.getName())).noneMatch(name -> name.contains("neurite-api"));
        }
        assertThat(Files.readString(dir.resolve("target/surefire-reports/com.example.neurite.mish.LayerScaleTest.txt")))
                .contains("Failures: 0, Errors: 0");
        assertThat(results.get(2).stdout()).containsPattern("(?m)^\\s*mish\\s+1\\.0\\.0\\s+started.*layer_scale.*$");
        Path run = RunConfigs.onlyRunFolder(dir.resolve("runs"));
        assertThat(Files.readString(run.resolve("model.json")))
                .contains("layer_scale", "gaussian_noise", "mish", "\"plugins\"", "\"id\": \"mish\"");
    }

    /** The lines of the first shell block after "## Writing a plugin", without their comments. */
    private static List<String> documentedCommands(Path readme) throws IOException {
        String text = Files.readString(readme);
        String section = text.substring(text.indexOf("## Writing a plugin"));
        String block = section.substring(section.indexOf("```sh") + 5, section.indexOf("```", section.indexOf("```sh") + 5));
        return block.lines().map(l -> l.replaceAll("\\s+#.*$", "").trim()).filter(l -> !l.isEmpty()).toList();
    }

    private List<String> argv(String command, Path repository) {
        List<String> words = new ArrayList<>(List.of(command.split("\\s+")));
        if (words.get(0).equals("mvn")) {
            words.set(0, Path.of(Distribution.requiredProperty("neurite.mavenHome"), "bin", "mvn").toString());
            words.add(1, "-o");
            words.add(2, "-Dmaven.repo.local=" + repository);
        } else if (words.get(0).endsWith("bin/neurite")) {
            words.set(0, distribution.home().resolve("bin/neurite").toString());
        }
        return words;
    }

    /** Copies the source tree as a clone holds it, without build output or the example data. */
    private static Path copySourceTree(Path target) throws IOException {
        Path source = Path.of(Distribution.requiredProperty("neurite.sourceTree")).toRealPath();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && (NOT_COPIED.contains(dir.getFileName().toString())
                        || NOT_COPIED.contains(source.relativize(dir).toString()))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }

    /**
     * A local repository as a new author has it: Maven's plugins, PF4J, JUnit and the rest linked
     * in from the build's repository (so the build works offline without writing into it), and no
     * Neurite artifact at all. It lives under target/, made afresh by every run.
     */
    private static Path authorRepository() throws IOException {
        Path shared = Path.of(Distribution.requiredProperty("neurite.buildRepository"));
        Path repository = Path.of(Distribution.requiredProperty("neurite.pluginKitRepository"));
        deleteWithoutFollowingLinks(repository);
        Files.createDirectories(repository.resolve("org"));
        linkEntries(shared, repository, "org");
        linkEntries(shared.resolve("org"), repository.resolve("org"), "neurite");
        return repository;
    }

    private static void deleteWithoutFollowingLinks(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void linkEntries(Path from, Path to, String except) {
        try (Stream<Path> entries = Files.list(from)) {
            entries.filter(e -> !e.getFileName().toString().equals(except)).forEach(e -> {
                try {
                    Files.createSymbolicLink(to.resolve(e.getFileName().toString()), e);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
