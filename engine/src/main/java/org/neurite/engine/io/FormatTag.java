package org.neurite.engine.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kind and version of a Neurite file, kept in its safetensors metadata under
 * {@value #FORMAT_KEY} and {@value #VERSION_KEY}, so that a reader can refuse the wrong kind
 * of file or one from a newer version with a message rather than misreading it.
 *
 * @param format the kind, such as {@code neurite-weights}
 * @param version the version written, and the highest one read
 */
record FormatTag(String format, int version) {

    /** The metadata key naming the kind of file. */
    static final String FORMAT_KEY = "format";
    /** The metadata key of the format version. */
    static final String VERSION_KEY = "format_version";

    /**
     * Returns the metadata to write: the tag first, then the caller's entries.
     *
     * @param extra more metadata; may not override the tag
     * @return the metadata
     */
    Map<String, String> metadata(Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT_KEY, format);
        meta.put(VERSION_KEY, Integer.toString(version));
        extra.forEach((k, v) -> {
            if (k.equals(FORMAT_KEY) || k.equals(VERSION_KEY)) {
                throw new IllegalArgumentException("metadata key " + k + " is reserved for the file format");
            }
            meta.put(k, v);
        });
        return meta;
    }

    /**
     * Checks the tag of a file that was read.
     *
     * @param file the file, for messages
     * @param metadata its metadata
     * @param required whether a file without a tag is refused (otherwise, as for weights written
     *     by PyTorch, it is accepted)
     * @throws FileFormatException if the file is of another kind, of a newer version, or
     *     untagged when a tag is required
     */
    void check(Path file, Map<String, String> metadata, boolean required) {
        String where = Safetensors.METADATA_KEY + "." + FORMAT_KEY;
        String found = metadata.get(FORMAT_KEY);
        if (found == null) {
            if (required) {
                throw new FileFormatException(file.toString(), where, "expected a " + format + " file, found no "
                        + FORMAT_KEY + " in the metadata");
            }
            return;
        }
        if (!found.equals(format)) {
            throw new FileFormatException(file.toString(), where, "expected a " + format + " file, found " + found);
        }
        String text = metadata.get(VERSION_KEY);
        String versionWhere = Safetensors.METADATA_KEY + "." + VERSION_KEY;
        int v;
        try {
            v = Integer.parseInt(text == null ? "" : text);
        } catch (NumberFormatException e) {
            throw new FileFormatException(file.toString(), versionWhere, "expected an integer version, found "
                    + (text == null ? "none" : "\"" + text + "\""));
        }
        if (v > version) {
            throw new FileFormatException(file.toString(), versionWhere, "expected version " + version
                    + " or older, found " + v + " (written by a newer Neurite)");
        }
    }
}
