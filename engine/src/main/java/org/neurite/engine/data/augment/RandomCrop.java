package org.neurite.engine.data.augment;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.neurite.api.Shape;

/**
 * torchvision's {@code RandomCrop(size, padding)} with the image's own size: each image is padded
 * with {@code padding} zero pixels on every side and a window of its original size is cut out at
 * a random place, so the picture moves by up to {@code padding} pixels in each direction and the
 * pixels shifted in are zero.
 *
 * @param padding the zero pixels added on every side, at least 1
 */
public record RandomCrop(int padding) implements ImageAugmentation {

    /** Checks the padding. */
    public RandomCrop {
        if (padding < 1) {
            throw new IllegalArgumentException("random crop: padding must be at least 1, got " + padding);
        }
    }

    @Override
    public void apply(float[] images, int count, Shape image, RandomGenerator random) {
        int channels = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        int plane = h * w;
        float[] source = new float[plane];
        for (int n = 0; n < count; n++) {
            // offsets of the window in the padded image, minus the padding: the shift of the picture
            int dy = random.nextInt(2 * padding + 1) - padding;
            int dx = random.nextInt(2 * padding + 1) - padding;
            if (dy == 0 && dx == 0) {
                continue;
            }
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * plane;
                System.arraycopy(images, base, source, 0, plane);
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    int row = base + y * w;
                    if (sy < 0 || sy >= h) {
                        Arrays.fill(images, row, row + w, 0f);
                        continue;
                    }
                    int from = Math.max(0, -dx);
                    int to = Math.min(w, w - dx);
                    Arrays.fill(images, row, row + from, 0f);
                    System.arraycopy(source, sy * w + from + dx, images, row + from, to - from);
                    Arrays.fill(images, row + to, row + w, 0f);
                }
            }
        }
    }
}
