package org.neurite.engine.data;

import java.util.Optional;

import org.neurite.api.Shape;

/**
 * The content of an IDX file: its element type, its shape and its elements, as floats or, when
 * read by {@link IdxReader#readKeepingBytes}, unsigned bytes as the file holds them.
 */
public final class IdxData {

    /** The type code of unsigned bytes, as MNIST's images and labels use. */
    public static final int UBYTE = 0x08;

    private final String source;
    private final int type;
    private final Shape shape;
    /** The elements as floats, or {@code null} when they are kept as {@link #unsignedBytes}. */
    private final float[] values;
    private final byte[] unsignedBytes;

    /**
     * @param source the file it was read from, for messages
     * @param type the IDX type code: {@code 0x08} unsigned byte, {@code 0x09} signed byte,
     *     {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E} double
     * @param shape the dimensions, outermost first
     * @param values the elements, row-major, converted to float
     */
    public IdxData(String source, int type, Shape shape, float[] values) {
        this(source, type, shape, values, null);
    }

    private IdxData(String source, int type, Shape shape, float[] values, byte[] unsignedBytes) {
        this.source = source;
        this.type = type;
        this.shape = shape;
        this.values = values;
        this.unsignedBytes = unsignedBytes;
    }

    /** Unsigned-byte elements kept as the file's bytes. */
    static IdxData ofUnsignedBytes(String source, Shape shape, byte[] bytes) {
        return new IdxData(source, UBYTE, shape, null, bytes);
    }

    /** @return the file it was read from, for messages */
    public String source() {
        return source;
    }

    /** @return the IDX type code, such as {@link #UBYTE} */
    public int type() {
        return type;
    }

    /** @return the dimensions, outermost first */
    public Shape shape() {
        return shape;
    }

    /**
     * @return the elements, row-major, as floats: the array read, or a new one widened from
     *     the bytes kept (each call makes another)
     */
    public float[] values() {
        if (values != null) {
            return values;
        }
        float[] widened = new float[unsignedBytes.length];
        for (int i = 0; i < widened.length; i++) {
            widened[i] = unsignedBytes[i] & 0xFF;
        }
        return widened;
    }

    /** @return the elements as the file's unsigned bytes, row-major, or empty unless they were kept so */
    public Optional<byte[]> unsignedBytes() {
        return Optional.ofNullable(unsignedBytes);
    }

    /** @return the number of items: the length of the first dimension */
    public int count() {
        return shape.dim(0);
    }

    /** @return the byte offset at which the elements start: after the magic number and the dimensions */
    public long dataOffset() {
        return 4 + 4L * shape.rank();
    }

    /** @return the size of one element in bytes */
    public int elementSize() {
        return elementSize(type);
    }

    /** @return the size in bytes of one element of an IDX type, or 0 for an unknown type */
    static int elementSize(int type) {
        return switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> 0;
        };
    }

    /** @return the name of an IDX type, such as {@code ubyte} */
    static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "ubyte";
            case 0x09 -> "byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> String.format("unknown 0x%02X", type);
        };
    }
}
