package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin author's path, end to end: build plugin-template/ on its own with Maven, against the
 * installed neurite-api jar only, drop its zip into a plugins folder, and train a config that uses
 * what it adds.
 */
class PluginKitTest {

    private final Distribution distribution = Distribution.assembled();
    private final String version = Distribution.requiredProperty("neurite.version");

    @TempDir
    Path temp;

    @Test
    void theTemplateBuildsOutsideTheReactorAndItsActivationAndLayerTrain() throws IOException {
        Path project = copyTemplate(temp.resolve("my-plugin"));
        Path repository = authorRepository();
        Path mvn = Path.of(Distribution.requiredProperty("neurite.mavenHome"), "bin", "mvn");

        CommandResult build = Distribution.runProcess(List.of(mvn.toString(), "-o", "-q", "-B", "package",
                "-Dmaven.repo.local=" + repository, "-Dneurite.version=" + version), project, Map.of());

        assertThat(build.exitCode()).as(build.toString()).isZero();
        Path zip = project.resolve("target/mish-1.0.0.zip");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry("plugin.properties")).isNotNull();
            assertThat(new String(z.getInputStream(z.getEntry("classes/META-INF/extensions.idx")).readAllBytes()))
                    .contains("com.example.neurite.mish.MishProvider", "com.example.neurite.mish.GaussianNoiseProvider");
            assertThat(z.stream().map(e -> e.getName())).noneMatch(name -> name.contains("neurite-api"));
        }

        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        Map<String, String> env = Map.of("NEURITE_PLUGINS", plugins.toString());
        CommandResult listing = distribution.run(temp, env, "plugins");
        assertThat(listing.exitCode()).as(listing.toString()).isZero();
        assertThat(listing.stdout()).containsPattern("(?m)^\\s*mish\\s+1\\.0\\.0\\s+started.*$")
                .contains("gaussian_noise");

        String config = RunConfigs.SPIRALS.replace("- {type: dense, units: 8, activation: relu}",
                "- {type: gaussian_noise, stddev: 0.05}\n    - {type: dense, units: 8, activation: mish}");
        Path file = RunConfigs.write(temp, "mish.yaml", config);
        CommandResult training = distribution.run(temp, env, "train", file.toString(), "--out",
                temp.resolve("runs").toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(Files.readString(RunConfigs.onlyRunFolder(temp.resolve("runs")).resolve("model.json")))
                .contains("mish", "gaussian_noise");
    }

    /** Copies the template as an author would start from it, without any build output. */
    private static Path copyTemplate(Path target) throws IOException {
        Path source = Path.of(Distribution.requiredProperty("neurite.pluginTemplate"));
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName().toString().equals("target")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }

    /**
     * A local repository as a plugin author has it: neurite-api installed (by this module's build,
     * into a repository of its own), and Maven's plugins and PF4J from the build's repository,
     * linked in so the template builds offline without anything being written into the shared one.
     * It lives beside the kit's repository under target/, made afresh by every run.
     */
    private static Path authorRepository() throws IOException {
        Path shared = Path.of(Distribution.requiredProperty("neurite.buildRepository"));
        Path kit = Path.of(Distribution.requiredProperty("neurite.pluginKitRepository"));
        Path repository = kit.resolveSibling("author-repository");
        deleteWithoutFollowingLinks(repository);
        Files.createDirectories(repository.resolve("org/neurite"));
        linkEntries(shared, repository, "org");
        linkEntries(shared.resolve("org"), repository.resolve("org"), "neurite");
        Files.createSymbolicLink(repository.resolve("org/neurite/neurite-api"), kit.resolve("org/neurite/neurite-api"));
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
