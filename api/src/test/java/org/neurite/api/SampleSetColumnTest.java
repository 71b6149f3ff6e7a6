package org.neurite.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link SampleSet.Column}: floats as given, or unsigned bytes read as the floats of their quotients. */
class SampleSetColumnTest {

    /** Every byte value twice over, so that copies below and above the lookup's threshold cover them all. */
    private static byte[] everyByte() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        return bytes;
    }

    @Test
    void bytesReadAsEachWidenedByteDividedByTheDivisorBitForBit() {
        byte[] bytes = everyByte();
        for (float divisor : new float[] {255f, 1f, 3.7f, 0.3f, (float) 1e30}) {
            SampleSet.Column column = SampleSet.Column.ofUnsignedBytes(bytes, divisor, Shape.of(2, 2));
            float[] divided = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                divided[i] = bytes[i] & 0xFF;
                divided[i] /= divisor;
            }
            float[] small = new float[bytes.length];
            for (int at = 0; at < bytes.length; at += 4) {
                column.copyValues(at, small, at, 4);
            }
            float[] large = new float[bytes.length + 3];
            column.copyValues(0, large, 3, bytes.length);

            assertThat(bits(column.values())).as("divisor " + divisor).isEqualTo(bits(divided));
            assertThat(bits(small)).as("divisor " + divisor).isEqualTo(bits(divided));
            assertThat(bits(Arrays.copyOfRange(large, 3, large.length))).isEqualTo(bits(divided));
        }
    }

    @Test
    void aColumnOfBytesCountsItsRowsAndKeepsTheBytesAsGiven() {
        byte[] bytes = everyByte();
        SampleSet.Column column = SampleSet.Column.ofUnsignedBytes(bytes, 255f, Shape.of(2, 2));

        assertThat(column.isUnsignedBytes()).isTrue();
        assertThat(column.unsignedBytes()).isSameAs(bytes);
        assertThat(column.divisor()).isEqualTo(255f);
        assertThat(column.size()).isEqualTo(512);
        assertThat(column.rows()).isEqualTo(128);
        assertThat(column.values()).isNotSameAs(column.values());
        SampleSet samples = SampleSet.of("images", Map.of("input", column),
                new SampleSet.Column(new float[128], Shape.scalar()), 10, Map.of());
        assertThat(samples.size()).isEqualTo(128);
        assertThatThrownBy(() -> SampleSet.of("images", Map.of("input", column),
                new SampleSet.Column(new float[127], Shape.scalar()), 10, Map.of()))
                .hasMessage("images: input 'input' holds 128 samples, the targets 127");
        assertThatThrownBy(() -> SampleSet.of("images", Map.of("input",
                        SampleSet.Column.ofUnsignedBytes(new byte[7], 255f, Shape.of(2))),
                new SampleSet.Column(new float[3], Shape.scalar()), 10, Map.of()))
                .hasMessage("images: input 'input' of 7 values do not divide into rows of shape [2]");
    }

    @Test
    void aColumnOfFloatsIsAsBefore() {
        float[] values = {1, 2, 3, 4, 5, 6};
        SampleSet.Column column = new SampleSet.Column(values, Shape.of(3));
        float[] part = new float[2];
        column.copyValues(3, part, 0, 2);

        assertThat(column.values()).isSameAs(values);
        assertThat(column.isUnsignedBytes()).isFalse();
        assertThat(column.unsignedBytes()).isNull();
        assertThat(column.divisor()).isEqualTo(1f);
        assertThat(column.rows()).isEqualTo(2);
        assertThat(part).containsExactly(4, 5);
    }

    @Test
    void refusesColumnsOfBothOrNeitherAndDivisorsThatAreNotPositive() {
        assertThatThrownBy(() -> new SampleSet.Column(new float[1], Shape.scalar(), new byte[1], 1f))
                .hasMessage("a column holds either floats or unsigned bytes, not both");
        assertThatThrownBy(() -> new SampleSet.Column(null, Shape.scalar(), null, 1f))
                .hasMessage("a column holds either floats or unsigned bytes, not neither");
        assertThatThrownBy(() -> new SampleSet.Column(new float[1], Shape.scalar(), null, 255f))
                .hasMessage("a column of floats has the divisor 1, not 255.0");
        assertThatThrownBy(() -> SampleSet.Column.ofUnsignedBytes(new byte[1], 0f, Shape.scalar()))
                .hasMessage("a column of bytes needs a positive divisor, not 0.0");
        assertThatThrownBy(() -> SampleSet.Column.ofUnsignedBytes(new byte[1], Float.NaN, Shape.scalar()))
                .hasMessage("a column of bytes needs a positive divisor, not NaN");
        assertThatThrownBy(() -> SampleSet.Column.ofUnsignedBytes(new byte[4], 255f, Shape.scalar())
                .copyValues(2, new float[4], 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
