package org.neurite.launcher.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.pf4j.PluginRepository;
import org.pf4j.util.FileUtils;

/**
 * The plugins of the plugin folders as PF4J loads them: every zip unpacked into a cache outside
 * the installation, in a folder named by the zip's content hash ({@code mish-1.0.0-3fa2c4e1b0d2/}),
 * and every folder that is an unpacked plugin itself ({@code plugin.properties} beside
 * {@code classes/} or {@code lib/}). So a read-only installation works, removing a zip uninstalls
 * it (a cache folder is used only while its zip is there), a rebuilt zip is unpacked afresh, and
 * a build's {@code target/} folder can be a plugin folder (its other content is passed over).
 *
 * <p>A zip is read whole before it is unpacked, into a temporary folder that is then renamed,
 * so a damaged zip never leaves a half-unpacked plugin behind; its failure is kept for the
 * launcher to report.
 *
 * <p>Each build of a plugin unpacks to a folder of its own; the folders no launcher uses and none
 * has used for a while are removed (see {@link PluginCache}).
 */
final class UnpackingPluginRepository implements PluginRepository {

    /** The most a plugin may unpack to; far above any real plugin, far below a zip bomb. */
    static final long MAX_UNPACKED_BYTES = 512L << 20;
    /** The most entries a plugin zip may hold. */
    static final int MAX_ENTRIES = 10_000;

    private final List<Path> roots;
    private final Path cache;
    private final List<PluginStatus> failures = new ArrayList<>();
    private final Map<Path, Path> zipOfFolder = new LinkedHashMap<>();
    private final long maxUnpackedBytes;
    private final int maxEntries;

    /**
     * @param roots the plugin folders
     * @param cache the folder zips are unpacked into, created when needed
     */
    UnpackingPluginRepository(List<Path> roots, Path cache) {
        this(roots, cache, MAX_UNPACKED_BYTES, MAX_ENTRIES);
    }

    /** As above, with other caps (tests use small ones). */
    UnpackingPluginRepository(List<Path> roots, Path cache, long maxUnpackedBytes, int maxEntries) {
        this.roots = List.copyOf(roots);
        this.cache = cache.toAbsolutePath().normalize();
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.maxEntries = maxEntries;
    }

    /** @return the zips that could not be unpacked, each disabled with its reason */
    List<PluginStatus> failures() {
        return List.copyOf(failures);
    }

    /**
     * @param pluginPath a path this repository gave PF4J
     * @return the zip it was unpacked from, or the path itself for a plugin folder
     */
    Path sourceOf(Path pluginPath) {
        return zipOfFolder.getOrDefault(pluginPath.toAbsolutePath().normalize(), pluginPath);
    }

    @Override
    public List<Path> getPluginPaths() {
        List<Path> paths = new ArrayList<>();
        for (Path root : roots) {
            List<Path> zips = entries(root).filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
                    .endsWith(".zip") && Files.isRegularFile(f)).toList();
            Set<String> zipNames = zips.stream().map(UnpackingPluginRepository::baseName).collect(Collectors.toSet());
            for (Path zip : zips) {
                try {
                    Path folder = unpacked(zip);
                    zipOfFolder.put(folder, zip.toAbsolutePath().normalize());
                    paths.add(folder);
                } catch (IOException | RuntimeException e) {
                    failures.add(PluginStatus.disabled(zip.getFileName().toString(), "?",
                            "cannot unpack " + zip.getFileName() + ": " + describe(e), zip));
                }
            }
            // A folder named as a zip beside it is an old unpacked copy of that zip, not a plugin of its own.
            entries(root).filter(f -> Files.isDirectory(f) && isPluginFolder(f)
                    && !zipNames.contains(f.getFileName().toString())).forEach(paths::add);
        }
        PluginCache.removeStale(cache, PluginCache.KEEP_UNUSED);
        return paths;
    }

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        return false; // plugins are removed by removing their zip, never by the launcher
    }

    /** A folder PF4J can load: its descriptor beside its classes or libraries. */
    static boolean isPluginFolder(Path folder) {
        return Files.isRegularFile(folder.resolve("plugin.properties"))
                && (Files.isDirectory(folder.resolve("classes")) || Files.isDirectory(folder.resolve("lib")));
    }

    /** Unpacks a zip into the cache unless that exact zip is there already. */
    private Path unpacked(Path zip) throws IOException {
        if (Files.size(zip) > maxUnpackedBytes) {
            throw new IOException("the zip has " + Files.size(zip) + " bytes, more than a plugin may ("
                    + maxUnpackedBytes + ")");
        }
        byte[] bytes = Files.readAllBytes(zip);
        Path folder = cache.resolve(baseName(zip) + "-" + hash(bytes));
        if (Files.isDirectory(folder) && marked(folder)) {
            return folder;
        }
        Files.createDirectories(cache);
        Path temporary = Files.createTempDirectory(cache, PluginCache.UNPACKING);
        try {
            unzip(bytes, temporary);
            try {
                Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(folder)) { // another launcher may have unpacked it meanwhile
                    throw e;
                }
            }
            marked(folder);
            return folder;
        } finally {
            if (Files.exists(temporary)) {
                FileUtils.delete(temporary);
            }
        }
    }

    /**
     * Marks a cache folder as used by this process, so that no launcher removes it meanwhile.
     *
     * @return whether the folder is whole: {@code false} when a launcher removed it as this one came to it
     */
    private static boolean marked(Path folder) {
        try {
            return PluginCache.use(folder);
        } catch (IOException e) {
            return true; // a cache this process may not write to: it can still load from it
        }
    }

    private void unzip(byte[] bytes, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            boolean any = false;
            int entries = 0;
            long[] unpacked = {0};
            int files = 0;
            while ((entry = in.getNextEntry()) != null) {
                any = true;
                if (++entries > maxEntries) {
                    throw new IOException("more than " + maxEntries + " entries, more than a plugin may hold;"
                            + " refused and removed");
                }
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry " + entry.getName() + " points outside the plugin");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copy(in, out, entry, unpacked);
                    files++;
                }
            }
            if (!any) {
                throw new IOException("not a zip file, or an empty one");
            }
            if (files == 0) {
                throw new IOException("the zip holds no files (only folders); expected plugin.properties and"
                        + " classes/ or lib/");
            }
        }
    }

    /**
     * Copies one entry, counting what the whole zip unpacks to as it goes: the sizes a zip declares
     * may lie, so the bytes are counted as they come out and copying stops at the cap.
     */
    private void copy(InputStream in, Path out, ZipEntry entry, long[] unpacked) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (var file = Files.newOutputStream(out, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                unpacked[0] += n;
                if (unpacked[0] > maxUnpackedBytes) {
                    throw new IOException("it unpacks to more than " + maxUnpackedBytes + " bytes (at entry "
                            + entry.getName() + "), more than a plugin may; refused and removed");
                }
                file.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("it unpacks")) {
                throw e;
            }
            throw new IOException("entry " + entry.getName() + ": " + e.getMessage(), e);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String baseName(Path zip) {
        String name = zip.getFileName().toString();
        return name.substring(0, name.length() - ".zip".length());
    }

    private static Stream<Path> entries(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin folder " + root, e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
