package org.neurite.engine.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds safetensors files byte by byte, as the format's specification lays them out, for tests. */
final class SafetensorsBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts a file with the given header length field and header text (no padding added). */
    static SafetensorsBytes header(long length, String json) {
        SafetensorsBytes b = new SafetensorsBytes();
        b.raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array());
        b.raw(json.getBytes(StandardCharsets.UTF_8));
        return b;
    }

    /** Starts a file with the header text, its true length and no padding. */
    static SafetensorsBytes header(String json) {
        return header(json.getBytes(StandardCharsets.UTF_8).length, json);
    }

    SafetensorsBytes floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return raw(b.array());
    }

    SafetensorsBytes doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return raw(b.array());
    }

    SafetensorsBytes shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return raw(b.array());
    }

    SafetensorsBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
