package org.neurite.engine.data.augment;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Shape;

/**
 * A random change of training images, made on the fly to every batch: the model sees a slightly
 * different picture of each sample in every epoch, which regularises it. It works in place on a
 * batch of images {@code [batch, channels, height, width]} held back to back in one array, and
 * draws only from the random source it is given, so that the same source gives the same batch.
 * Inference never augments.
 */
public interface ImageAugmentation {

    /**
     * Changes a batch of images in place.
     *
     * @param images the images, {@code count} rows of {@code [channels, height, width]}, back to back
     * @param count the number of images
     * @param image the shape of one image, {@code [channels, height, width]}
     * @param random the source of every random choice
     */
    void apply(float[] images, int count, Shape image, RandomGenerator random);

    /**
     * @param steps the augmentations, applied in order
     * @return one augmentation that applies them in order
     */
    static ImageAugmentation sequence(List<ImageAugmentation> steps) {
        List<ImageAugmentation> copy = List.copyOf(steps);
        return (images, count, image, random) -> {
            for (ImageAugmentation step : copy) {
                step.apply(images, count, image, random);
            }
        };
    }

    /**
     * Checks that a per-sample shape is an image.
     *
     * @param shape a per-sample shape
     * @return whether it is {@code [channels, height, width]}
     */
    static boolean isImage(Shape shape) {
        return shape.rank() == 3;
    }
}
