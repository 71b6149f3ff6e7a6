package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

public class IdxReaderTest {

    @TempDir
    Path dir;

    private int files;

    /** The bytes of an IDX file: magic 00 00 type rank, big-endian dimensions, then {@code data}. */
    /** @return an IDX file of the given type, dimensions and element bytes */
    public static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    Path write(byte[] bytes) throws IOException {
        Path file = dir.resolve("f" + files++);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void readsUnsignedBytesPlainAndGzipped() throws IOException {
        byte[] file = idx(0x08, new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, (byte) 200, (byte) 255});

        IdxData plain = IdxReader.read(write(file));
        IdxData gzipped = IdxReader.read(write(gzip(file)));

        for (IdxData d : new IdxData[] {plain, gzipped}) {
            assertThat(d.type()).isEqualTo(IdxData.UBYTE);
            assertThat(d.shape()).isEqualTo(Shape.of(2, 2, 3));
            assertThat(d.count()).isEqualTo(2);
            assertThat(d.values()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 200, 255);
        }
    }

    @Test
    void keepsUnsignedBytesAsTheFileHoldsThemWhenAsked() throws IOException {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        byte[] file = idx(0x08, new int[] {1000, 200}, data);

        for (Path path : new Path[] {write(file), write(gzip(file))}) {
            IdxData kept = IdxReader.readKeepingBytes(path);
            assertThat(kept.type()).isEqualTo(IdxData.UBYTE);
            assertThat(kept.shape()).isEqualTo(Shape.of(1000, 200));
            assertThat(kept.unsignedBytes()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(data));
            assertThat(kept.values()).isEqualTo(IdxReader.read(path).values());
        }
        assertThat(IdxReader.read(write(file)).unsignedBytes()).isEmpty();
        // other types are floats either way
        ByteBuffer shorts = ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 7);
        IdxData wide = IdxReader.readKeepingBytes(write(idx(0x0B, new int[] {2}, shorts.array())));
        assertThat(wide.unsignedBytes()).isEmpty();
        assertThat(wide.values()).containsExactly(-300, 7);
    }

    @Test
    void readsSignedBytesShortsIntsFloatsAndDoubles() throws IOException {
        ByteBuffer shorts = ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 7);
        ByteBuffer ints = ByteBuffer.allocate(8).putInt(-70000).putInt(123456);
        ByteBuffer floats = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-0.25f);
        ByteBuffer doubles = ByteBuffer.allocate(16).putDouble(2.5).putDouble(-1e-3);

        assertThat(IdxReader.read(write(idx(0x09, new int[] {2}, new byte[] {-5, 5}))).values()).containsExactly(-5, 5);
        assertThat(IdxReader.read(write(idx(0x0B, new int[] {2}, shorts.array()))).values()).containsExactly(-300, 7);
        assertThat(IdxReader.read(write(idx(0x0C, new int[] {2}, ints.array()))).values()).containsExactly(-70000, 123456);
        assertThat(IdxReader.read(write(idx(0x0D, new int[] {1, 2}, floats.array()))).values()).containsExactly(1.5f, -0.25f);
        assertThat(IdxReader.read(write(idx(0x0E, new int[] {2}, doubles.array()))).values()).containsExactly(2.5f, -1e-3f);
    }

    @Test
    void readsDataLongerThanOneChunk() throws IOException {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        IdxData d = IdxReader.read(write(gzip(idx(0x08, new int[] {1000, 200}, data))));

        assertThat(d.values()).hasSize(200_000);
        assertThat(d.values()[199_999]).isEqualTo((199_999 * 7) & 0xFF);
    }

    @Test
    void refusesAWrongMagicNumber() throws IOException {
        Path empty = write(new byte[0]);
        Path short2 = write(new byte[] {0, 0});
        Path zip = write(new byte[] {'P', 'K', 3, 4, 0, 0});
        Path gzipped = write(gzip(new byte[] {1, 0, 8, 1}));

        assertThatThrownBy(() -> IdxReader.read(empty))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(empty + ": byte 0: expected the 4-byte magic number 00 00 <type> <rank>, found an empty file");
        assertThatThrownBy(() -> IdxReader.read(short2))
                .hasMessage(short2 + ": byte 0: expected the 4-byte magic number 00 00 <type> <rank>, found only 2 bytes: 00 00");
        assertThatThrownBy(() -> IdxReader.read(zip))
                .hasMessage(zip + ": byte 0: expected the magic number to start with 00 00, found 50 4b 03 04"
                        + " (not an IDX file, nor gzipped)");
        assertThatThrownBy(() -> IdxReader.read(gzipped))
                .hasMessage(gzipped + ": byte 0 of the decompressed data: expected the magic number to start with 00 00,"
                        + " found 01 00 08 01");
    }

    @Test
    void refusesAnUnknownTypeAndRankZero() throws IOException {
        Path type = write(idx(0x07, new int[] {1}, new byte[1]));
        Path rank = write(new byte[] {0, 0, 8, 0});

        assertThatThrownBy(() -> IdxReader.read(type))
                .hasMessage(type + ": byte 2: expected data type 0x08 (ubyte), 0x09 (byte), 0x0B (short), 0x0C (int),"
                        + " 0x0D (float) or 0x0E (double), found 0x07");
        assertThatThrownBy(() -> IdxReader.read(rank))
                .hasMessage(rank + ": byte 3: expected at least one dimension, found rank 0");
    }

    @Test
    void refusesTruncatedDimensionsAndData() throws IOException {
        Path dims = write(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0});
        Path negative = write(idx(0x08, new int[] {1, -1}, new byte[0]));
        Path data = write(idx(0x08, new int[] {2, 28, 28}, new byte[1000]));
        Path ints = write(gzip(idx(0x0C, new int[] {3}, new byte[10])));

        assertThatThrownBy(() -> IdxReader.read(dims))
                .hasMessage(dims + ": byte 4: expected 3 dimensions (12 bytes), found only 5 bytes");
        assertThatThrownBy(() -> IdxReader.read(negative))
                .hasMessage(negative + ": byte 8: expected a dimension, found 4294967295 (more than a 32-bit signed int)");
        assertThatThrownBy(() -> IdxReader.read(data))
                .hasMessage(data + ": byte 16: expected 1568 bytes of ubyte data for shape [2, 28, 28], found only 1000");
        assertThatThrownBy(() -> IdxReader.read(ints))
                .hasMessage(ints + ": byte 8 of the decompressed data: expected 12 bytes of int data for shape [3],"
                        + " found only 10");
    }

    @Test
    void refusesTrailingBytes() throws IOException {
        Path file = write(idx(0x08, new int[] {3}, new byte[] {1, 2, 3, 4}));

        assertThatThrownBy(() -> IdxReader.read(file))
                .hasMessage(file + ": byte 11: expected the end of the file after the data of shape [3], found more bytes");
    }

    @Test
    void refusesATruncatedGzipStream() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {100, 100}, new byte[10_000]));
        Path file = write(Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(file + ": byte ")
                .hasMessageContaining(" of the decompressed data: the gzip stream is truncated or corrupt");
    }

    @Test
    void aHeaderClaimingBillionsFailsBeforeAllocatingThem() throws IOException {
        // 2 x 1,000,000,000 ubytes claimed, 10 bytes present: plain and gzipped
        Path plain = write(idx(0x08, new int[] {2, 1_000_000_000}, new byte[10]));
        Path gzipped = write(gzip(idx(0x08, new int[] {2, 1_000_000_000}, new byte[10])));

        assertThatThrownBy(() -> IdxReader.read(plain))
                .hasMessage(plain + ": byte 12: expected 2000000000 bytes of ubyte data for shape [2, 1000000000],"
                        + " found only 10");
        assertThatThrownBy(() -> IdxReader.read(gzipped))
                .hasMessage(gzipped + ": byte 12 of the decompressed data: expected 2000000000 bytes of ubyte data"
                        + " for shape [2, 1000000000], found only 10");
        assertThatThrownBy(() -> IdxReader.readKeepingBytes(plain))
                .hasMessage(plain + ": byte 12: expected 2000000000 bytes of ubyte data for shape [2, 1000000000],"
                        + " found only 10");
        assertThatThrownBy(() -> IdxReader.readKeepingBytes(gzipped))
                .hasMessage(gzipped + ": byte 12 of the decompressed data: expected 2000000000 bytes of ubyte data"
                        + " for shape [2, 1000000000], found only 10");
    }

    @Test
    void floatDataMustBeFinite() throws IOException {
        ByteBuffer values = ByteBuffer.allocate(12).putFloat(1f).putFloat(Float.NaN).putFloat(2f);
        Path file = write(idx(0x0D, new int[] {3}, values.array()));
        ByteBuffer doubles = ByteBuffer.allocate(16).putDouble(1).putDouble(1e39);
        Path wide = write(idx(0x0E, new int[] {2}, doubles.array()));

        assertThatThrownBy(() -> IdxReader.read(file))
                .hasMessage(file + ": byte 12: expected a finite number (element 1), found NaN");
        assertThatThrownBy(() -> IdxReader.read(wide))
                .hasMessage(wide + ": byte 16: expected a finite number (element 1), found Infinity (beyond the float range)");
    }
}
