package org.neurite.engine.io;

import java.nio.ByteBuffer;

/** The element types of safetensors files that {@link Safetensors} reads, each converted to float32. */
enum Dtype {
    F32(4),
    F64(8),
    F16(2),
    BF16(2);

    private final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    /** @return the size of one element in bytes */
    int bytes() {
        return bytes;
    }

    /**
     * Finds the type written in a header.
     *
     * @param name the name, such as {@code "F32"}
     * @return the type, or {@code null} if it is not one of these
     */
    static Dtype named(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Converts elements from a little-endian buffer into floats.
     *
     * @param in the bytes, positioned at the first element, in little-endian order
     * @param out receives the elements
     * @param from the first index of {@code out} written
     * @param count the number of elements
     */
    void decode(ByteBuffer in, float[] out, int from, int count) {
        int end = from + count;
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out, from, count);
            case F64 -> {
                for (int i = from; i < end; i++) {
                    out[i] = (float) in.getDouble();
                }
            }
            case BF16 -> {
                for (int i = from; i < end; i++) {
                    out[i] = Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
                }
            }
            case F16 -> {
                for (int i = from; i < end; i++) {
                    out[i] = halfToFloat(in.getShort() & 0xFFFF);
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** IEEE 754 binary16 to binary32, exact for every value including subnormals, infinities and NaN. */
    static float halfToFloat(int half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
