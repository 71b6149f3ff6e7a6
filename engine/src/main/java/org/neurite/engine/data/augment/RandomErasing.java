package org.neurite.engine.data.augment;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.neurite.api.Shape;

/**
 * torchvision's {@code RandomErasing(p, scale, ratio, value)} (Zhong et al., 2017): with
 * probability {@code probability}, a rectangle of an image is set to {@code value} in every
 * channel. Its area is a share of the image drawn uniformly from {@code [minArea, maxArea]}, its
 * aspect ratio (height / width) log-uniformly from {@code [minRatio, maxRatio]}; a rectangle that
 * that does not fit strictly inside is drawn again, up to ten times, and the image is left alone if none fits. The
 * model learns not to rely on any one part of the picture.
 *
 * @param probability the chance that an image gets a rectangle, in [0, 1]
 * @param minArea the smallest share of the image erased, in (0, 1]
 * @param maxArea the largest share, in [minArea, 1]
 * @param minRatio the smallest aspect ratio, above 0
 * @param maxRatio the largest aspect ratio, at least minRatio
 * @param value the value written into the rectangle
 */
public record RandomErasing(double probability, double minArea, double maxArea, double minRatio, double maxRatio,
                            float value) implements ImageAugmentation {

    /** torchvision's defaults apart from the probability: area 2 % to 33 %, ratio 0.3 to 3.3, value 0. */
    public static RandomErasing withProbability(double probability) {
        return new RandomErasing(probability, 0.02, 0.33, 0.3, 3.3, 0f);
    }

    /** Checks the ranges. */
    public RandomErasing {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("random erasing: probability must be in [0, 1], got " + probability);
        }
        if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1)) {
            throw new IllegalArgumentException("random erasing: the area range must be within (0, 1] and ordered, got ["
                    + minArea + ", " + maxArea + "]");
        }
        if (!(minRatio > 0 && minRatio <= maxRatio) || Double.isInfinite(maxRatio)) {
            throw new IllegalArgumentException("random erasing: the ratio range must be positive and ordered, got ["
                    + minRatio + ", " + maxRatio + "]");
        }
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("random erasing: value must be a finite number, got " + value);
        }
    }

    @Override
    public void apply(float[] images, int count, Shape image, RandomGenerator random) {
        int channels = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int n = 0; n < count; n++) {
            if (!(random.nextDouble() < probability)) {
                continue;
            }
            for (int attempt = 0; attempt < 10; attempt++) {
                double area = h * w * (minArea + (maxArea - minArea) * random.nextDouble());
                double ratio = Math.exp(logMin + (logMax - logMin) * random.nextDouble());
                int eh = (int) Math.round(Math.sqrt(area * ratio));
                int ew = (int) Math.round(Math.sqrt(area / ratio));
                if (eh < 1 || ew < 1 || eh >= h || ew >= w) {
                    continue;
                }
                int top = random.nextInt(h - eh + 1);
                int left = random.nextInt(w - ew + 1);
                for (int c = 0; c < channels; c++) {
                    int base = (n * channels + c) * h * w;
                    for (int y = top; y < top + eh; y++) {
                        Arrays.fill(images, base + y * w + left, base + y * w + left + ew, value);
                    }
                }
                break;
            }
        }
    }
}
