package org.neurite.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.version.Version;

/**
 * Holds the api's semantic version with bnd's baseline: the api as built now is compared with
 * the newest released {@code neurite-api} older than it in the local Maven repository, and an
 * incompatible change whose package version did not move fails the build. No release exists
 * yet, so that comparison is skipped until one does; the other tests run the same check on
 * baselines built here.
 *
 * <p>bnd itself (and so bnd-baseline-maven-plugin) never reports a mismatch below 1.0.0, where
 * SemVer allows anything to change. Neurite's rule before 1.0 is stricter: an incompatible
 * change moves the minor version (0.2 to 0.3, which plugins' import range {@code [0.2,0.3)}
 * excludes); additions stay within 0.2. From 1.0 on, bnd's suggested version is the rule.
 */
class ApiBaselineTest {

    private static final File CLASSES = Path.of("target", "classes").toFile();

    @Test
    void theManifestExportsTheApiPackageAtTheApiVersion() throws Exception {
        try (Jar api = new Jar(CLASSES)) {
            assertThat(api.getManifest().getMainAttributes().getValue("Export-Package"))
                    .isEqualTo("org.neurite.api;version=\"" + NeuriteApi.VERSION + "\"");
        }
    }

    @Test
    void theApiKeepsItsPromisesToTheLastRelease() throws Exception {
        Optional<Path> release = lastRelease();
        assumeTrue(release.isPresent(), "no released neurite-api before " + NeuriteApi.VERSION + " to compare with");
        try (Jar released = new Jar(release.get().toFile()); Jar next = new Jar(CLASSES)) {
            assertThat(violations(next, released)).as("against " + release.get()).isEmpty();
        }
    }

    @Test
    void anUnchangedApiPasses() throws Exception {
        try (Jar released = new Jar(CLASSES); Jar next = new Jar(CLASSES)) {
            assertThat(violations(next, released)).isEmpty();
        }
    }

    @Test
    void removingAPublicTypeFailsUnlessTheVersionMoves() throws Exception {
        try (Jar released = new Jar(CLASSES); Jar next = new Jar(CLASSES)) {
            next.remove("org/neurite/api/GradScope.class");
            assertThat(violations(next, released)).containsExactly("org.neurite.api: incompatible change"
                    + " (- /org.neurite.api.GradScope) but its version stays 0.2.0; it must be at least 0.3.0");

            Manifest moved = new Manifest(next.getManifest());
            moved.getMainAttributes().putValue("Export-Package", "org.neurite.api;version=\"0.3.0\"");
            next.setManifest(moved);
            assertThat(violations(next, released)).isEmpty();
        }
    }

    /** @return one line per package whose version does not say how it changed */
    static List<String> violations(Jar next, Jar released) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Processor processor = new Processor()) {
            for (Info info : new Baseline(processor, new DiffPluginImpl()).baseline(next, released, null)) {
                if (info.suggestedVersion == null) {
                    problems.add(info.packageName + ": no longer exported");
                    continue;
                }
                Version older = info.olderVersion;
                boolean incompatible = info.packageDiff.getDelta() == Delta.MAJOR;
                Version required = older.getMajor() > 0 ? info.suggestedVersion
                        : incompatible ? new Version(0, older.getMinor() + 1, 0) : older;
                if (info.newerVersion.compareTo(required) < 0) {
                    problems.add(info.packageName + ": " + (incompatible ? "incompatible change" : "change") + " ("
                            + info.reason.strip() + ") but its version stays " + info.newerVersion + "; it must be at least "
                            + required);
                }
            }
        }
        return problems;
    }

    /** @return the newest release of neurite-api older than this one in the local repository */
    private static Optional<Path> lastRelease() throws IOException {
        Path versions = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "neurite", "neurite-api");
        String local = System.getProperty("maven.repo.local");
        if (local != null && !local.isBlank()) {
            versions = Path.of(local, "org", "neurite", "neurite-api");
        }
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        Version current = Version.parseVersion(NeuriteApi.VERSION);
        try (Stream<Path> folders = Files.list(versions)) {
            return folders.filter(f -> f.getFileName().toString().matches("\\d+\\.\\d+\\.\\d+"))
                    .filter(f -> Version.parseVersion(f.getFileName().toString()).compareTo(current) < 0)
                    .max(Comparator.comparing(f -> Version.parseVersion(f.getFileName().toString())))
                    .map(f -> f.resolve("neurite-api-" + f.getFileName() + ".jar"))
                    .filter(Files::isRegularFile);
        }
    }
}
