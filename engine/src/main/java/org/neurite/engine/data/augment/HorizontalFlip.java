package org.neurite.engine.data.augment;

import java.util.random.RandomGenerator;

import org.neurite.api.Shape;

/**
 * torchvision's {@code RandomHorizontalFlip(p)}: each image is mirrored left to right with
 * probability {@code probability}.
 *
 * @param probability the chance that an image is flipped, in [0, 1]
 */
public record HorizontalFlip(double probability) implements ImageAugmentation {

    /** Checks the probability. */
    public HorizontalFlip {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("horizontal flip: probability must be in [0, 1], got " + probability);
        }
    }

    @Override
    public void apply(float[] images, int count, Shape image, RandomGenerator random) {
        int channels = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        for (int n = 0; n < count; n++) {
            if (!(random.nextDouble() < probability)) {
                continue;
            }
            for (int row = n * channels * h; row < (n + 1) * channels * h; row++) {
                for (int i = row * w, j = i + w - 1; i < j; i++, j--) {
                    float t = images[i];
                    images[i] = images[j];
                    images[j] = t;
                }
            }
        }
    }
}
