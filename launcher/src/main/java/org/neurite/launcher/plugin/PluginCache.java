package org.neurite.launcher.plugin;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.pf4j.util.FileUtils;

/**
 * The folder plugin zips are unpacked into, shared by every installation and launcher process of
 * a user, and how its stale folders go: each build of a plugin unpacks to a folder of its own
 * ({@code cnn-0.2.0-3fa2c4e1b0d2/}), so without pruning the cache grows by one folder per build.
 *
 * <p>A process that loads a plugin from the cache {@linkplain #use marks its folder}: it sets the
 * folder's time to now and holds a shared lock on the folder's {@value #IN_USE} file as long as
 * it runs (PF4J reads classes from the folder lazily, so a folder must outlive every process
 * loading from it). {@link #removeStale} removes a folder only when all of these hold: its name is
 * one the cache gives ({@code name-} and twelve hex digits, or a left-over {@code .unpacking-} or
 * {@code .removing-} folder), no process of this JVM uses it, it has not been used for
 * {@link #KEEP_UNUSED} (which also covers launchers that mark without locking), and no other
 * process holds its lock. It renames a folder before deleting it, so that a launcher never loads a
 * half-deleted one: a launcher that finds its folder gone after taking the lock unpacks it afresh.
 */
final class PluginCache {

    /**
     * How long a folder nobody has used stays: a launcher coming to it later only unpacks it again.
     * A day, because launchers of earlier versions neither lock nor mark the folders they load
     * from: a run they started stays safe if its folder was unpacked within the day.
     */
    static final Duration KEEP_UNUSED = Duration.ofDays(1);
    /** The file in an unpacked folder whose shared lock says a process loads plugins from the folder. */
    static final String IN_USE = ".in-use";
    private static final Pattern UNPACKED = Pattern.compile(".+-[0-9a-f]{12}");
    /** The prefix of the temporary folder a zip is unpacked into before it is renamed. */
    static final String UNPACKING = ".unpacking-";
    private static final String REMOVING = ".removing-";
    /** The folders this JVM loads from, each with the lock it holds until it exits. */
    private static final Map<Path, FileLock> USED = new ConcurrentHashMap<>();

    private PluginCache() {
    }

    /**
     * Marks an unpacked folder as used by this process until it exits.
     *
     * @param folder a folder of the cache
     * @return whether the folder is still whole once marked; {@code false} when another launcher
     *     removed it meanwhile (unpack it again)
     * @throws IOException if the mark cannot be made
     */
    static boolean use(Path folder) throws IOException {
        Path key = folder.toAbsolutePath().normalize();
        if (!USED.containsKey(key)) {
            FileChannel marker;
            try {
                Files.setLastModifiedTime(key, FileTime.from(Instant.now()));
                marker = FileChannel.open(key.resolve(IN_USE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (NoSuchFileException removedMeanwhile) {
                return false;
            }
            FileLock lock;
            try {
                lock = marker.lock(0, Long.MAX_VALUE, true); // held, with its channel, until the JVM exits
            } catch (OverlappingFileLockException usedMeanwhile) {
                marker.close();
                return UnpackingPluginRepository.isPluginFolder(key);
            }
            if (!UnpackingPluginRepository.isPluginFolder(key)) {
                lock.release();
                marker.close();
                return false;
            }
            USED.put(key, lock);
        }
        return true;
    }

    /**
     * Removes the folders of the cache that no process uses and none has used for {@code keepUnused}.
     * Removing is a courtesy: a folder that cannot be removed stays, and nothing is thrown.
     *
     * @param cache the cache folder
     * @param keepUnused how long a folder nobody has used stays
     * @return the folders removed
     */
    static List<Path> removeStale(Path cache, Duration keepUnused) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(cache)) {
            return removed;
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.list(cache)) {
            folders = entries.filter(Files::isDirectory).filter(PluginCache::madeByTheCache).sorted().toList();
        } catch (IOException e) {
            return removed;
        }
        Instant before = Instant.now().minus(keepUnused);
        for (Path folder : folders) {
            try {
                if (!USED.containsKey(folder.toAbsolutePath().normalize())
                        && Files.getLastModifiedTime(folder).toInstant().isBefore(before) && removeUnlocked(folder)) {
                    removed.add(folder);
                }
            } catch (IOException | RuntimeException e) {
                // left for a later launch
            }
        }
        return removed;
    }

    private static boolean madeByTheCache(Path folder) {
        String name = folder.getFileName().toString();
        return name.startsWith(UNPACKING) || name.startsWith(REMOVING) || UNPACKED.matcher(name).matches();
    }

    /** Removes a folder unless some process holds the lock of its {@value #IN_USE} file. */
    private static boolean removeUnlocked(Path folder) throws IOException {
        try (FileChannel marker = FileChannel.open(folder.resolve(IN_USE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = marker.tryLock(0, Long.MAX_VALUE, false);
            } catch (OverlappingFileLockException usedHere) {
                return false;
            }
            if (lock == null) {
                return false;
            }
            try {
                Path doomed = folder;
                String name = folder.getFileName().toString();
                if (!name.startsWith(REMOVING)) {
                    doomed = folder.resolveSibling(REMOVING + name + "-" + System.nanoTime());
                    Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
                }
                FileUtils.delete(doomed);
                return true;
            } finally {
                if (lock.isValid()) {
                    lock.release();
                }
            }
        }
    }
}
