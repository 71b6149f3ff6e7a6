package org.neurite.engine.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;

class ImageAugmentationTest {

    /** Two images [2, 3, 4]: pixel (n, c, y, x) holds 1000 n + 100 c + 10 y + x + 1 (never 0). */
    private static float[] images() {
        float[] v = new float[2 * 2 * 3 * 4];
        int i = 0;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 4; x++) {
                        v[i++] = 1000 * n + 100 * c + 10 * y + x + 1;
                    }
                }
            }
        }
        return v;
    }

    private static final Shape IMAGE = Shape.of(2, 3, 4);

    private static float at(float[] v, int n, int c, int y, int x) {
        return v[((n * 2 + c) * 3 + y) * 4 + x];
    }

    @Test
    void aCertainFlipMirrorsEveryRowOfEveryChannel() {
        float[] v = images();
        new HorizontalFlip(1).apply(v, 2, IMAGE, new SplittableRandom(1));
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 4; x++) {
                        assertThat(at(v, n, c, y, x)).isEqualTo(1000 * n + 100 * c + 10 * y + (3 - x) + 1);
                    }
                }
            }
        }
    }

    @Test
    void aFlipOfProbabilityZeroChangesNothingAndAHalfFlipsSomeImages() {
        float[] v = images();
        new HorizontalFlip(0).apply(v, 2, IMAGE, new SplittableRandom(1));
        assertThat(v).containsExactly(images());

        int flipped = 0;
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 200; round++) {
            float[] w = images();
            new HorizontalFlip(0.5).apply(w, 1, IMAGE, random);
            flipped += w[0] == 4 ? 1 : 0;
        }
        assertThat(flipped).isBetween(70, 130);
    }

    @Test
    void aRandomCropShiftsThePictureByAtMostThePaddingAndFillsWithZeros() {
        SplittableRandom random = new SplittableRandom(7);
        boolean moved = false;
        for (int round = 0; round < 50; round++) {
            float[] v = images();
            new RandomCrop(1).apply(v, 2, IMAGE, random);
            for (int n = 0; n < 2; n++) {
                // the shift is the same in both channels: find it from channel 0, check channel 1
                int[] shift = shiftOf(v, n);
                moved |= shift[0] != 0 || shift[1] != 0;
                assertThat(Math.abs(shift[0])).isLessThanOrEqualTo(1);
                assertThat(Math.abs(shift[1])).isLessThanOrEqualTo(1);
                for (int c = 0; c < 2; c++) {
                    for (int y = 0; y < 3; y++) {
                        for (int x = 0; x < 4; x++) {
                            int sy = y + shift[0];
                            int sx = x + shift[1];
                            float expected = sy < 0 || sy >= 3 || sx < 0 || sx >= 4 ? 0
                                    : 1000 * n + 100 * c + 10 * sy + sx + 1;
                            assertThat(at(v, n, c, y, x)).isEqualTo(expected);
                        }
                    }
                }
            }
        }
        assertThat(moved).isTrue();
    }

    /** The source offset (dy, dx) of image n, read from its centre pixel (1, 1) of channel 0. */
    private static int[] shiftOf(float[] v, int n) {
        float centre = at(v, n, 0, 1, 1) - 1000 * n - 1;
        int sy = (int) centre / 10;
        int sx = (int) centre % 10;
        return new int[] {sy - 1, sx - 1};
    }

    @Test
    void randomErasingSetsOneRectangleOfEveryChannelToTheValue() {
        float[] v = new float[1 * 3 * 20 * 20];
        java.util.Arrays.fill(v, 1f);
        Shape image = Shape.of(3, 20, 20);
        new RandomErasing(1, 0.1, 0.2, 0.5, 2, -1f).apply(v, 1, image, new SplittableRandom(11));
        int erased = 0;
        int top = 20, bottom = -1, left = 20, right = -1;
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                boolean e = v[y * 20 + x] == -1f;
                for (int c = 1; c < 3; c++) {
                    assertThat(v[c * 400 + y * 20 + x] == -1f).isEqualTo(e);
                }
                if (e) {
                    erased++;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        // a filled rectangle of 10 % to 20 % of the image (rounding of its sides aside)
        assertThat(erased).isEqualTo((bottom - top + 1) * (right - left + 1)).isBetween(30, 90);
    }

    @Test
    void randomErasingOfProbabilityZeroChangesNothing() {
        float[] v = images();
        RandomErasing.withProbability(0).apply(v, 2, IMAGE, new SplittableRandom(1));
        assertThat(v).containsExactly(images());
    }

    @Test
    void theSameRandomSourceGivesTheSameAugmentation() {
        ImageAugmentation all = ImageAugmentation.sequence(List.of(new RandomCrop(1), new HorizontalFlip(0.5),
                RandomErasing.withProbability(0.5)));
        float[] a = images();
        float[] b = images();
        all.apply(a, 2, IMAGE, new SplittableRandom(42));
        all.apply(b, 2, IMAGE, new SplittableRandom(42));
        assertThat(a).containsExactly(b);
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new RandomCrop(0)).hasMessageContaining("padding must be at least 1, got 0");
        assertThatThrownBy(() -> new HorizontalFlip(1.5)).hasMessageContaining("in [0, 1], got 1.5");
        assertThatThrownBy(() -> new RandomErasing(0.5, 0.4, 0.2, 0.3, 3.3, 0))
                .hasMessageContaining("area range");
        assertThatThrownBy(() -> new RandomErasing(0.5, 0.02, 0.33, 0, 3.3, 0)).hasMessageContaining("ratio range");
    }
}
