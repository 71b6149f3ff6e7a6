package org.neurite.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Shape;

/**
 * The expected bytes are built by hand from the format's specification (8-byte little-endian
 * header length, compact JSON header padded with spaces to a multiple of 8, little-endian
 * data); the three layouts of the first tests are those the reference implementation's own
 * serialization tests pin down.
 */
class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void writesTheReferenceBytesForOneTensor() throws IOException {
        Path file = dir.resolve("a.safetensors");

        Safetensors.write(file, Map.of("attn.0", new TensorData(Shape.of(1, 2, 3), new float[] {0, 1, 2, 3, 4, 5})),
                Map.of());

        // The header is exactly 64 bytes long, so no padding.
        byte[] expected = SafetensorsBytes
                .header("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}")
                .floats(0, 1, 2, 3, 4, 5).bytes();
        assertThat(expected).hasSize(8 + 64 + 24);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void padsTheHeaderWithSpacesToAMultipleOfEight() throws IOException {
        Path file = dir.resolve("a.safetensors");

        Safetensors.write(file, Map.of("attn0", new TensorData(Shape.of(1, 1, 2, 3), new float[] {0, 1, 2, 3, 4, 5})),
                Map.of());

        // 65 bytes of JSON, padded with 7 spaces to 72.
        byte[] expected = SafetensorsBytes
                .header(72, "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}" + " ".repeat(7))
                .floats(0, 1, 2, 3, 4, 5).bytes();
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void writesMetadataFirstAndAnEmptyFileAsTheReferenceDoes() throws IOException {
        Path empty = dir.resolve("empty.safetensors");
        Path meta = dir.resolve("meta.safetensors");

        Safetensors.write(empty, Map.of(), Map.of());
        Safetensors.write(meta, Map.of(), Map.of("framework", "pt"));

        assertThat(Files.readAllBytes(empty)).isEqualTo(SafetensorsBytes.header(8, "{}      ").bytes());
        assertThat(Files.readAllBytes(meta))
                .isEqualTo(SafetensorsBytes.header(40, "{\"__metadata__\":{\"framework\":\"pt\"}}     ").bytes());
        assertThat(Safetensors.read(meta).metadata()).containsExactly(Map.entry("framework", "pt"));
        assertThat(Safetensors.read(empty).tensors()).isEmpty();
    }

    @Test
    void roundTripsTensorsInOrderWithScalarsAndEmptyOnes() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", new TensorData(Shape.of(2, 2), new float[] {1.5f, -0f, Float.MIN_VALUE, Float.NaN}));
        tensors.put("scalar", new TensorData(Shape.scalar(), new float[] {42}));
        tensors.put("empty", new TensorData(Shape.of(0, 3), new float[0]));
        float[] big = new float[300_000]; // more than one write chunk and one read chunk
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.25f - 7;
        }
        tensors.put("a.big", new TensorData(Shape.of(600, 500), big));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("b", "2");
        metadata.put("a", "ü");
        Path file = dir.resolve("m.safetensors");

        Safetensors.write(file, tensors, metadata);
        Safetensors.Content read = Safetensors.read(file);

        assertThat(read.metadata()).containsExactly(Map.entry("b", "2"), Map.entry("a", "ü"));
        assertThat(read.tensors().keySet()).containsExactly("z.weight", "scalar", "empty", "a.big");
        assertThat(read.tensors().get("z.weight").values()).containsExactly(1.5f, -0f, Float.MIN_VALUE, Float.NaN);
        assertThat(read.tensors().get("scalar").shape()).isEqualTo(Shape.scalar());
        assertThat(read.tensors().get("scalar").values()).containsExactly(42f);
        assertThat(read.tensors().get("empty").shape()).isEqualTo(Shape.of(0, 3));
        assertThat(read.tensors().get("a.big").values()).isEqualTo(big);
        long headerLength = Files.size(file) - 4L * (4 + 1 + 300_000) - 8;
        assertThat(headerLength % 8).isZero();
    }

    @Test
    void readsFloat64Float16AndBfloat16AsFloat32() throws IOException {
        // F16 bits from numpy: np.array([1, -2, 65504, 2**-24, inf, 0.1], np.float16).view(np.uint16)
        String header = "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[16,28]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[28,32]}}";
        Path file = write(SafetensorsBytes.header(header).doubles(0.5, -1e300)
                .shorts(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00, 0x2E66)
                .shorts(0x3F80, 0xC0A0).bytes());

        Map<String, TensorData> t = Safetensors.read(file).tensors();

        assertThat(t.get("d").values()).containsExactly(0.5f, Float.NEGATIVE_INFINITY);
        assertThat(t.get("h").shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.get("h").values()).containsExactly(1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY,
                0.0999755859375f);
        assertThat(t.get("b").values()).containsExactly(1f, -5f);
    }

    @Test
    void refusesAFileShorterThanTheLengthField() throws IOException {
        Path file = write(new byte[] {1, 2, 3});

        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(file + ": byte 0: expected an 8-byte header length, found a file of 3 bytes");
    }

    @Test
    void refusesAHeaderLengthBeyondTheFile() throws IOException {
        Path file = write(SafetensorsBytes.header(1000, "{}      ").bytes());
        Path huge = write(SafetensorsBytes.header(-1, "{}      ").bytes());

        assertThatThrownBy(() -> Safetensors.read(file))
                .hasMessage(file + ": byte 0: header length 1000 reaches beyond the end of the file (16 bytes, so at most 8)");
        assertThatThrownBy(() -> Safetensors.read(huge))
                .hasMessage(huge + ": byte 0: header length 18446744073709551615 reaches beyond the end of the file"
                        + " (16 bytes, so at most 8)");
    }

    @Test
    void refusesHeadersThatAreNotJsonObjects() throws IOException {
        Path badJson = write(SafetensorsBytes.header("{\"a\":{\"dtype\" \"F32\"}}   ").bytes());
        Path array = write(SafetensorsBytes.header("[]      ").bytes());
        Path notUtf8 = write(SafetensorsBytes.header(8, "").raw((byte) '{', (byte) 0xFF, (byte) '}', (byte) ' ',
                (byte) ' ', (byte) ' ', (byte) ' ', (byte) ' ').bytes());

        assertThatThrownBy(() -> Safetensors.read(badJson))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(badJson + " header: line 1, column 15: expected ':', found '\"'");
        assertThatThrownBy(() -> Safetensors.read(array))
                .hasMessage(array + ": header: expected a JSON object starting with '{', found '['");
        assertThatThrownBy(() -> Safetensors.read(notUtf8))
                .hasMessage(notUtf8 + ": header: expected UTF-8 JSON, found bytes that are not UTF-8");
    }

    @Test
    void namesAnUnsupportedDtype() throws IOException {
        Path file = write(SafetensorsBytes.header("{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}")
                .raw(new byte[8]).bytes());

        assertThatThrownBy(() -> Safetensors.read(file))
                .hasMessage(file + ": tensor \"ids\": dtype I64 is not supported (supported: F32, F64, F16, BF16)");
    }

    @Test
    void refusesOffsetsOutsideTheData() throws IOException {
        Path file = write(SafetensorsBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}")
                .floats(1).bytes());

        assertThatThrownBy(() -> Safetensors.read(file))
                .hasMessage(file + ": tensor \"w\": data_offsets [0, 8] reach beyond the data section of 4 bytes");
    }

    @Test
    void refusesOffsetsThatDoNotMatchTheShape() throws IOException {
        Path file = write(SafetensorsBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}")
                .floats(1, 2, 3, 4, 5).bytes());
        Path reversed = write(SafetensorsBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}")
                .floats(1).bytes());
        Path negative = write(SafetensorsBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}")
                .floats(1).bytes());

        assertThatThrownBy(() -> Safetensors.read(file))
                .hasMessage(file + ": tensor \"w\": data_offsets [0, 20] span 20 bytes, but F32 shape [2, 3] needs 24");
        assertThatThrownBy(() -> Safetensors.read(reversed))
                .hasMessage(reversed + ": tensor \"w\": data_offsets [4, 0] end before they begin");
        assertThatThrownBy(() -> Safetensors.read(negative))
                .hasMessage(negative + ": tensor \"w\": expected shape of non-negative integers, found [-1]");
    }

    @Test
    void refusesOverlappingTensorsGapsAndTrailingBytes() throws IOException {
        Path overlap = write(SafetensorsBytes.header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}").floats(1, 2, 3).bytes());
        Path gap = write(SafetensorsBytes.header("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}")
                .floats(1, 2).bytes());
        Path trailing = write(SafetensorsBytes.header("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}")
                .floats(1, 2).bytes());

        assertThatThrownBy(() -> Safetensors.read(overlap))
                .hasMessage(overlap + ": tensor \"b\": data_offsets [4, 12] overlap tensor \"a\" at [0, 8]");
        assertThatThrownBy(() -> Safetensors.read(gap))
                .hasMessage(gap + ": tensor \"a\": data_offsets [4, 8] leave bytes 0 to 4 of the data unused");
        assertThatThrownBy(() -> Safetensors.read(trailing))
                .hasMessage(trailing + ": data: the tensors cover 4 bytes, but the data section after the header has 8");
    }

    @Test
    void refusesMetadataThatIsNotStrings() throws IOException {
        Path file = write(SafetensorsBytes.header("{\"__metadata__\":{\"epoch\":3}}  ").bytes());

        assertThatThrownBy(() -> Safetensors.read(file))
                .hasMessage(file + ": __metadata__.epoch: expected a string, found 3");
    }

    @Test
    void refusesATensorNamedLikeTheMetadata() {
        Map<String, TensorData> tensors = Map.of("__metadata__", new TensorData(Shape.of(1), new float[1]));

        assertThatThrownBy(() -> Safetensors.write(dir.resolve("x"), tensors, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a tensor cannot be named __metadata__: the safetensors header reserves that key");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private int files;

    private Path write(byte[] bytes) throws IOException {
        Path file = dir.resolve("f" + files++ + ".safetensors");
        Files.write(file, bytes);
        return file;
    }
}
