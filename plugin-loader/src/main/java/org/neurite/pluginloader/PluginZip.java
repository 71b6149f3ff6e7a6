package org.neurite.pluginloader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks one plugin zip, refusing entries that would land outside the target folder and zips
 * that unpack to more than {@link #MAX_BYTES} or {@link #MAX_ENTRIES} (counted as they are
 * written, not as the zip claims).
 */
final class PluginZip {

    /** The most a plugin may unpack to. */
    static final long MAX_BYTES = 512L << 20;
    /** The most entries a plugin may hold. */
    static final int MAX_ENTRIES = 20_000;

    private PluginZip() {
    }

    static void unpack(Path zip, Path target) throws IOException {
        Path root = Files.createDirectories(target).toRealPath();
        long written = 0;
        int entries = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw new PluginLoadException(zip + ": more than " + MAX_ENTRIES + " entries; not a plugin");
                }
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new PluginLoadException(zip + ": the entry " + entry.getName() + " points outside the plugin");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry); OutputStream to = Files.newOutputStream(out)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        if (written > MAX_BYTES) {
                            throw new PluginLoadException(zip + ": unpacks to more than " + (MAX_BYTES >> 20)
                                    + " MiB; not a plugin");
                        }
                        to.write(buffer, 0, n);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new PluginLoadException(zip + ": not a readable zip: " + e.getMessage(), e);
        }
    }
}
