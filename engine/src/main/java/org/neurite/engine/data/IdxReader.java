package org.neurite.engine.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a magic number {@code 00 00 type rank},
 * {@code rank} big-endian 32-bit dimensions, then the elements, big-endian, row-major. Files
 * may be gzipped (recognised by their first two bytes, {@code 1f 8b}) or plain.
 *
 * <p>Every problem raises a {@link FileFormatException} naming the file, the byte offset (in
 * the decompressed data, for gzipped files) and what was expected against what was found.
 */
public final class IdxReader {

    private static final int CHUNK = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an IDX file.
     *
     * @param file the file, gzipped or plain
     * @return its type, shape and elements
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if it is truncated, malformed or has trailing bytes
     */
    public static IdxData read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads an IDX file as {@link #read} does, but keeps unsigned-byte elements as the file's
     * bytes ({@link IdxData#unsignedBytes()}): a quarter of the memory of floats, as images are
     * held for training.
     *
     * @param file the file, gzipped or plain
     * @return its type, shape and elements
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if it is truncated, malformed or has trailing bytes
     */
    public static IdxData readKeepingBytes(Path file) throws IOException {
        return read(file, true);
    }

    private static IdxData read(Path file, boolean keepBytes) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            raw.mark(2);
            boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzipped ? new GZIPInputStream(raw, CHUNK) : raw;
            return new Parser(in, file.toString(), gzipped, gzipped ? gzipSizeHint(file) : Files.size(file)).parse(keepBytes);
        }
    }

    /**
     * The decompressed size a gzip file's trailer records (modulo 2^32, and of its last member
     * only): a hint, trusted only when it matches the header's claim.
     */
    private static long gzipSizeHint(Path file) throws IOException {
        try (var channel = Files.newByteChannel(file)) {
            if (channel.size() < 4) {
                return -1;
            }
            ByteBuffer trailer = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.position(channel.size() - 4);
            while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
                // read the four bytes
            }
            return trailer.flip().remaining() == 4 ? Integer.toUnsignedLong(trailer.getInt()) : -1;
        }
    }

    /** Reads one stream, counting the bytes consumed for messages. */
    private static final class Parser {
        private final InputStream in;
        private final String source;
        private final boolean gzipped;
        /** The bytes of the (decompressed) file: exact for a plain file, a hint for a gzipped one; -1 if unknown. */
        private final long length;
        private long offset;

        Parser(InputStream in, String source, boolean gzipped, long length) {
            this.in = in;
            this.source = source;
            this.gzipped = gzipped;
            this.length = length;
        }

        IdxData parse(boolean keepBytes) throws IOException {
            byte[] magic = readUpTo(4);
            if (magic.length < 4) {
                throw error(0, "expected the 4-byte magic number 00 00 <type> <rank>, found " + describe(magic));
            }
            if (magic[0] != 0 || magic[1] != 0) {
                throw error(0, "expected the magic number to start with 00 00, found " + describe(magic)
                        + (gzipped ? "" : " (not an IDX file, nor gzipped)"));
            }
            int type = magic[2] & 0xFF;
            int elementSize = IdxData.elementSize(type);
            if (elementSize == 0) {
                throw error(2, String.format("expected data type 0x08 (ubyte), 0x09 (byte), 0x0B (short), 0x0C (int),"
                        + " 0x0D (float) or 0x0E (double), found 0x%02X", type));
            }
            int rank = magic[3] & 0xFF;
            if (rank == 0) {
                throw error(3, "expected at least one dimension, found rank 0");
            }
            byte[] dimBytes = readUpTo(4 * rank);
            if (dimBytes.length < 4 * rank) {
                throw error(4, "expected " + rank + " dimensions (" + 4 * rank + " bytes), found only "
                        + dimBytes.length + " bytes");
            }
            ByteBuffer dimBuffer = ByteBuffer.wrap(dimBytes);
            int[] dims = new int[rank];
            long elements = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = dimBuffer.getInt();
                if (dims[i] < 0) {
                    throw error(4 + 4L * i, "expected a dimension, found " + Integer.toUnsignedString(dims[i])
                            + " (more than a 32-bit signed int)");
                }
                elements *= dims[i];
                if (elements > Integer.MAX_VALUE) {
                    throw error(4 + 4L * i, "shape " + java.util.Arrays.toString(dims) + " has more elements than"
                            + " one array holds");
                }
            }
            Shape shape = Shape.of(dims);
            long claimed = offset + elements * elementSize;
            if (!gzipped && claimed > length) {
                // checked before the elements are allocated: a header claiming billions fails here
                throw error(offset, "expected " + elements * elementSize + " bytes of " + IdxData.typeName(type)
                        + " data for shape " + shape + ", found only " + (length - offset));
            }
            boolean sizeKnown = !gzipped || length == (claimed & 0xFFFFFFFFL);
            IdxData data = keepBytes && type == IdxData.UBYTE
                    ? IdxData.ofUnsignedBytes(source, shape, readBytes((int) elements, shape, sizeKnown))
                    : new IdxData(source, type, shape, readValues((int) elements, type, elementSize, shape, sizeKnown));
            if (readUpTo(1).length > 0) {
                throw error(offset - 1, "expected the end of the file after the data of shape " + shape
                        + ", found more bytes");
            }
            return data;
        }

        /** Reads unsigned-byte elements as they are; the array grows as data arrives unless the size is known. */
        private byte[] readBytes(int n, Shape shape, boolean sizeKnown) throws IOException {
            byte[] bytes = new byte[sizeKnown ? n : Math.min(n, CHUNK)];
            long start = offset;
            int done = 0;
            while (done < n) {
                if (done == bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(n, 2L * bytes.length));
                }
                int got = readInto(bytes, done, bytes.length - done);
                if (got < bytes.length - done) {
                    throw tooShort(start, n, IdxData.UBYTE, shape);
                }
                done += got;
            }
            return bytes;
        }

        private FileFormatException tooShort(long start, long n, int type, Shape shape) {
            return error(start, "expected " + n * IdxData.elementSize(type) + " bytes of " + IdxData.typeName(type)
                    + " data for shape " + shape + ", found only " + (offset - start));
        }

        /**
         * Reads the elements; when the size is not known to be right (a gzipped file whose trailer
         * disagrees with the header), the array grows as data arrives, so that a header claiming
         * billions of elements ends in "found only" instead of an allocation of that size.
         */
        private float[] readValues(int n, int type, int elementSize, Shape shape, boolean sizeKnown)
                throws IOException {
            float[] values = new float[sizeKnown ? n : Math.min(n, CHUNK)];
            long start = offset;
            byte[] chunk = new byte[Math.max(elementSize, CHUNK / elementSize * elementSize)];
            int done = 0;
            while (done < n) {
                int want = (int) Math.min(chunk.length / elementSize, n - done);
                int got = readInto(chunk, want * elementSize);
                if (got < want * elementSize) {
                    throw tooShort(start, n, type, shape);
                }
                if (done + want > values.length) {
                    values = java.util.Arrays.copyOf(values, (int) Math.min(n, Math.max(done + want, 2L * values.length)));
                }
                decode(chunk, want, type, values, done);
                checkFinite(values, done, want, type, start, elementSize);
                done += want;
            }
            return values;
        }

        /** Float data must hold numbers: NaN and infinities are refused at their byte offset. */
        private void checkFinite(float[] values, int from, int count, int type, long start, int elementSize) {
            if (type != 0x0D && type != 0x0E) {
                return;
            }
            for (int i = from; i < from + count; i++) {
                if (!Float.isFinite(values[i])) {
                    throw error(start + (long) i * elementSize, "expected a finite number (element " + i
                            + "), found " + values[i] + (type == 0x0E && !Float.isNaN(values[i])
                            ? " (beyond the float range)" : ""));
                }
            }
        }

        private static void decode(byte[] bytes, int n, int type, float[] out, int at) {
            ByteBuffer b = ByteBuffer.wrap(bytes); // big-endian, as IDX is
            switch (type) {
                case 0x08 -> {
                    for (int i = 0; i < n; i++) {
                        out[at + i] = bytes[i] & 0xFF;
                    }
                }
                case 0x09 -> {
                    for (int i = 0; i < n; i++) {
                        out[at + i] = bytes[i];
                    }
                }
                case 0x0B -> {
                    for (int i = 0; i < n; i++) {
                        out[at + i] = b.getShort();
                    }
                }
                case 0x0C -> {
                    for (int i = 0; i < n; i++) {
                        out[at + i] = b.getInt();
                    }
                }
                case 0x0D -> b.asFloatBuffer().get(out, at, n);
                case 0x0E -> {
                    for (int i = 0; i < n; i++) {
                        out[at + i] = (float) b.getDouble();
                    }
                }
                default -> throw new IllegalStateException("type " + type);
            }
        }

        private byte[] readUpTo(int n) throws IOException {
            byte[] b = new byte[n];
            int got = readInto(b, n);
            return got == n ? b : java.util.Arrays.copyOf(b, got);
        }

        /** Reads until {@code n} bytes or the end; a broken gzip stream becomes a format error. */
        private int readInto(byte[] b, int n) throws IOException {
            return readInto(b, 0, n);
        }

        /** Reads until {@code n} bytes at {@code b[at ..]} or the end. */
        private int readInto(byte[] b, int at, int n) throws IOException {
            int got = 0;
            try {
                while (got < n) {
                    int r = in.read(b, at + got, n - got);
                    if (r < 0) {
                        break;
                    }
                    got += r;
                    offset += r;
                }
            } catch (EOFException | ZipException e) {
                throw error(offset, "the gzip stream is truncated or corrupt (" + e.getMessage() + ")", e);
            }
            return got;
        }

        private static String describe(byte[] bytes) {
            if (bytes.length == 0) {
                return "an empty file";
            }
            StringBuilder sb = new StringBuilder();
            for (byte x : bytes) {
                sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xFF));
            }
            return bytes.length < 4 ? "only " + bytes.length + " bytes: " + sb : sb.toString();
        }

        private FileFormatException error(long at, String problem) {
            return error(at, problem, null);
        }

        private FileFormatException error(long at, String problem, Throwable cause) {
            String where = "byte " + at + (gzipped ? " of the decompressed data" : "");
            return cause == null ? new FileFormatException(source, where, problem)
                    : new FileFormatException(source, where, problem, cause);
        }
    }
}
