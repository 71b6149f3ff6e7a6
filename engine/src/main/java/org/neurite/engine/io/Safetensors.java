package org.neurite.engine.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format, in which PyTorch and Hugging Face exchange weights:
 * <ol>
 *   <li>8 bytes: {@code N}, the length of the header, unsigned little-endian;</li>
 *   <li>{@code N} bytes: the header, compact UTF-8 JSON
 *       {@code {"__metadata__": {string: string}, name: {"dtype": "F32", "shape": [...],
 *       "data_offsets": [begin, end]}, ...}}, padded with spaces so that {@code N} is a multiple
 *       of 8;</li>
 *   <li>the data: each tensor's elements, row-major, little-endian, at its offsets relative to
 *       the end of the header, tensors back to back with no gaps.</li>
 * </ol>
 * This class writes float32 ({@code F32}) tensors in the order of the map it is given and
 * omits {@code __metadata__} when there is none, so that its bytes equal those of the
 * reference writer for the same order. It reads {@code F32}, {@code F64}, {@code F16} and
 * {@code BF16}, converting to float32, and checks everything the reference reader checks.
 */
public final class Safetensors {

    /** The header key of the free-form string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    /** The reference reader refuses headers longer than this, and so does this one. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int READ_CHUNK_BYTES = 1 << 20;

    /**
     * The content of a file.
     *
     * @param tensors the tensors by name, in header order
     * @param metadata the string metadata, empty if the file has none
     */
    public record Content(Map<String, TensorData> tensors, Map<String, String> metadata) {
    }

    private Safetensors() {
    }

    /**
     * Writes tensors as float32 to a safetensors file, atomically.
     *
     * @param file the file to write
     * @param tensors the tensors by name; laid out in iteration order
     * @param metadata string metadata for the header; empty for none
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if a tensor is named {@value #METADATA_KEY}
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(length.array());
            out.write(header);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (TensorData t : tensors.values()) {
                writeFloats(t.values(), chunk, out);
            }
        });
    }

    /**
     * The bytes of a safetensors file holding {@code tensors}, without writing a file: what a
     * model's weights travel as between machines.
     *
     * @param tensors the tensors by name; laid out in iteration order
     * @param metadata string metadata for the header; empty for none
     * @return the bytes, exactly as {@link #write} would write them
     * @throws IllegalArgumentException if a tensor is named {@value #METADATA_KEY}
     */
    public static byte[] bytes(Map<String, TensorData> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        long data = 0;
        for (TensorData t : tensors.values()) {
            data += 4L * t.values().length;
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(8 + header.length + data)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(header.length).put(header);
        for (TensorData t : tensors.values()) {
            bytes.asFloatBuffer().put(t.values());
            bytes.position(bytes.position() + 4 * t.values().length);
        }
        return bytes.array();
    }

    /**
     * Reads safetensors bytes (such as {@link #bytes} made), converting every tensor to float32.
     *
     * @param bytes the bytes of a safetensors file
     * @param source what the bytes are, for error messages
     * @return the tensors in header order and the metadata
     * @throws FileFormatException if the bytes are not valid safetensors, as {@link #read(Path)}
     */
    public static Content read(byte[] bytes, String source) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            throw new FileFormatException(source, "byte 0", "expected an 8-byte header length, found "
                    + bytes.length + " bytes");
        }
        long headerLength = buffer.getLong();
        if (headerLength < 0 || headerLength > Math.min(bytes.length - 8, MAX_HEADER_BYTES)) {
            throw new FileFormatException(source, "byte 0", "header length " + Long.toUnsignedString(headerLength)
                    + " reaches beyond the end of the " + bytes.length + " bytes or the limit of "
                    + MAX_HEADER_BYTES);
        }
        String headerText = decodeHeader(ByteBuffer.wrap(bytes, 8, (int) headerLength), source);
        int dataStart = 8 + (int) headerLength;
        SafetensorsHeader header = SafetensorsHeader.parse(headerText, source, bytes.length - dataStart);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (SafetensorsHeader.Entry e : header.entries()) {
            float[] values = new float[e.shape().intSize()];
            ByteBuffer data = ByteBuffer.wrap(bytes, Math.toIntExact(dataStart + e.begin()),
                    values.length * e.dtype().bytes()).slice().order(ByteOrder.LITTLE_ENDIAN);
            e.dtype().decode(data, values, 0, values.length);
            tensors.put(e.name(), new TensorData(e.shape(), values));
        }
        return new Content(tensors, header.metadata());
    }

    /** Builds the padded header bytes. */
    static byte[] header(Map<String, TensorData> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY
                        + ": the safetensors header reserves that key");
            }
            long end = offset + 4L * e.getValue().values().length;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", Dtype.F32.name());
            info.put("shape", e.getValue().shape().dims());
            info.put("data_offsets", new long[] {offset, end});
            header.put(e.getKey(), info);
            offset = end;
        }
        byte[] json = Json.writeCompact(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] bytes = new byte[padded];
        System.arraycopy(json, 0, bytes, 0, json.length);
        java.util.Arrays.fill(bytes, json.length, padded, (byte) ' ');
        return bytes;
    }

    private static void writeFloats(float[] values, ByteBuffer chunk, OutputStream out) throws IOException {
        int perChunk = chunk.capacity() / 4;
        for (int from = 0; from < values.length; from += perChunk) {
            int n = Math.min(perChunk, values.length - from);
            chunk.clear();
            chunk.asFloatBuffer().put(values, from, n);
            out.write(chunk.array(), 0, n * 4);
        }
    }

    /**
     * Reads a safetensors file, converting every tensor to float32.
     *
     * @param file the file
     * @return the tensors in header order and the metadata
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if the file is not valid safetensors (too short, a header
     *     length beyond the file, bad JSON, an unsupported dtype, offsets outside the data, not
     *     matching the shape, overlapping or leaving gaps), naming the file and the tensor
     */
    public static Content read(Path file) throws IOException {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new FileFormatException(source, "byte 0", "expected an 8-byte header length, found a file of "
                        + fileSize + " bytes");
            }
            long headerLength = readFully(channel, 0, 8).getLong();
            if (headerLength < 0 || headerLength > fileSize - 8) {
                throw new FileFormatException(source, "byte 0", "header length " + Long.toUnsignedString(headerLength)
                        + " reaches beyond the end of the file (" + fileSize + " bytes, so at most "
                        + (fileSize - 8) + ")");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new FileFormatException(source, "byte 0", "header length " + headerLength
                        + " is above the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            String headerText = decodeHeader(readFully(channel, 8, (int) headerLength), source);
            long dataStart = 8 + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(headerText, source, fileSize - dataStart);
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (SafetensorsHeader.Entry e : header.entries()) {
                tensors.put(e.name(), new TensorData(e.shape(), readTensor(channel, dataStart + e.begin(), e)));
            }
            return new Content(tensors, header.metadata());
        }
    }

    /** Reads in chunks: a tensor's bytes may exceed what one buffer holds. */
    private static float[] readTensor(FileChannel channel, long position, SafetensorsHeader.Entry e) throws IOException {
        float[] values = new float[e.shape().intSize()];
        int perChunk = READ_CHUNK_BYTES / e.dtype().bytes();
        for (int from = 0; from < values.length; from += perChunk) {
            int n = Math.min(perChunk, values.length - from);
            ByteBuffer bytes = readFully(channel, position + (long) from * e.dtype().bytes(), n * e.dtype().bytes());
            e.dtype().decode(bytes, values, from, n);
        }
        return values;
    }

    private static String decodeHeader(ByteBuffer bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(source, "header", "expected UTF-8 JSON, found bytes that are not UTF-8", e);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("file ended while reading " + length + " bytes at byte " + position);
            }
        }
        return buffer.flip();
    }
}
