package org.neurite.engine.data;

import org.neurite.api.Shape;

/**
 * The content of an IDX file: its element type, its shape and its elements as floats.
 *
 * @param source the file it was read from, for messages
 * @param type the IDX type code: {@code 0x08} unsigned byte, {@code 0x09} signed byte,
 *     {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E} double
 * @param shape the dimensions, outermost first
 * @param values the elements, row-major, converted to float
 */
public record IdxData(String source, int type, Shape shape, float[] values) {

    /** The type code of unsigned bytes, as MNIST's images and labels use. */
    public static final int UBYTE = 0x08;

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
