package org.neurite.launcher.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.pf4j.BasePluginRepository;
import org.pf4j.util.AndFileFilter;
import org.pf4j.util.DirectoryFileFilter;
import org.pf4j.util.FileUtils;
import org.pf4j.util.HiddenFilter;
import org.pf4j.util.NotFileFilter;

/**
 * Plugin folders, unpacked from the plugin zips beside them as PF4J lays them out
 * ({@code x-1.0.zip} becomes the folder {@code x-1.0/}). Unlike PF4J's own repository, which
 * only logs a zip it cannot unpack, this one reads every entry of a zip before unpacking it,
 * leaves out the zip's folder when that fails (so a half-unpacked or stale folder is never
 * loaded), and keeps the failure for the launcher to report.
 */
final class UnpackingPluginRepository extends BasePluginRepository {

    private final List<PluginStatus> failures = new ArrayList<>();

    UnpackingPluginRepository(List<Path> roots) {
        super(roots, new AndFileFilter(new DirectoryFileFilter(), new NotFileFilter(new HiddenFilter())));
    }

    /** @return the zips that could not be unpacked, each disabled with its reason */
    List<PluginStatus> failures() {
        return List.copyOf(failures);
    }

    @Override
    public List<Path> getPluginPaths() {
        Set<Path> leftOut = new HashSet<>();
        for (Path root : pluginsRoots) {
            for (Path zip : zipsIn(root)) {
                Path folder = folderOf(zip);
                String problem = unpack(zip, folder);
                if (problem != null) {
                    leftOut.add(folder);
                    failures.add(PluginStatus.disabled(zip.getFileName().toString(), "?",
                            "cannot unpack " + zip.getFileName() + ": " + problem, zip));
                }
            }
        }
        List<Path> paths = new ArrayList<>(super.getPluginPaths());
        paths.removeIf(p -> leftOut.contains(p.toAbsolutePath().normalize()));
        return paths;
    }

    /**
     * Unpacks a zip unless its folder is up to date.
     *
     * @return why it failed, or {@code null}
     */
    private static String unpack(Path zip, Path folder) {
        try {
            if (!needsUnpacking(zip, folder)) {
                return null;
            }
            checkReadable(zip);
        } catch (IOException | RuntimeException e) {
            // the folder, if any, was not touched; it is left out because it does not match the zip
            return describe(e);
        }
        try {
            FileUtils.expandIfZip(zip);
            return null;
        } catch (IOException | RuntimeException e) {
            removeQuietly(folder);
            return describe(e);
        }
    }

    /** The folder PF4J unpacks a zip into: its name without the extension, beside it. */
    static Path folderOf(Path zip) {
        String name = zip.getFileName().toString();
        return zip.resolveSibling(name.substring(0, name.length() - ".zip".length())).toAbsolutePath().normalize();
    }

    private static List<Path> zipsIn(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin folder " + root, e);
        }
    }

    /** As PF4J decides: unpack when there is no folder yet or the zip is newer than it. */
    private static boolean needsUnpacking(Path zip, Path folder) throws IOException {
        return !Files.isDirectory(folder)
                || Files.getLastModifiedTime(zip).compareTo(Files.getLastModifiedTime(folder)) > 0;
    }

    /** Reads every entry, so a truncated or damaged zip fails here rather than half-way through unpacking. */
    private static void checkReadable(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            byte[] buffer = new byte[8192];
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading checks the entry's CRC
                    }
                } catch (IOException e) {
                    throw new IOException("entry " + entry.getName() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void removeQuietly(Path folder) {
        if (Files.isDirectory(folder)) {
            try {
                FileUtils.delete(folder);
            } catch (IOException | RuntimeException ignored) {
                // the folder is left out of the plugin paths either way
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
