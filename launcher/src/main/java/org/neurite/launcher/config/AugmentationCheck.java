package org.neurite.launcher.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.data.augment.HorizontalFlip;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.data.augment.RandomCrop;
import org.neurite.engine.data.augment.RandomErasing;
import org.neurite.engine.options.OptionReader;

/**
 * Reads {@code training.augment}: the random changes of the training images, applied in the
 * order random crop, horizontal flip, random erasing (as torchvision pipelines order them).
 *
 * <pre>{@code
 * augment:
 *   random_crop: {padding: 2}
 *   horizontal_flip: {probability: 0.5}
 *   random_erasing: {probability: 0.25, scale: [0.02, 0.33], ratio: [0.3, 3.3], value: 0}
 * }</pre>
 */
final class AugmentationCheck {

    /** The keys of {@code training.augment}. */
    static final List<OptionSpec> AUGMENT = List.of(
            OptionSpec.optional("random_crop", OptionType.MAP, null,
                    "Pad every side with zeros and cut the image's size out at a random place: {padding: 2}."),
            OptionSpec.optional("horizontal_flip", OptionType.MAP, null,
                    "Mirror images left to right: {probability: 0.5}."),
            OptionSpec.optional("random_erasing", OptionType.MAP, null,
                    "Set a random rectangle to a value: {probability: 0.5, scale: [0.02, 0.33], ratio: [0.3, 3.3],"
                            + " value: 0}."));

    /** The keys of {@code training.augment.random_crop}. */
    static final List<OptionSpec> RANDOM_CROP = List.of(
            OptionSpec.required("padding", OptionType.INTEGER, "Zero pixels added on every side, at least 1."));

    /** The keys of {@code training.augment.horizontal_flip}. */
    static final List<OptionSpec> HORIZONTAL_FLIP = List.of(
            OptionSpec.optional("probability", OptionType.NUMBER, 0.5, "The chance that an image is flipped, in [0, 1]."));

    /** The keys of {@code training.augment.random_erasing}. */
    static final List<OptionSpec> RANDOM_ERASING = List.of(
            OptionSpec.optional("probability", OptionType.NUMBER, 0.5, "The chance that an image is erased, in [0, 1]."),
            OptionSpec.optional("scale", OptionType.NUMBERS, List.of(0.02, 0.33),
                    "The range of the erased share of the image: [min, max] within (0, 1]."),
            OptionSpec.optional("ratio", OptionType.NUMBERS, List.of(0.3, 3.3),
                    "The range of the rectangle's aspect ratio (height / width): [min, max], above 0."),
            OptionSpec.optional("value", OptionType.NUMBER, 0.0, "The value written into the rectangle."));

    private AugmentationCheck() {
    }

    /**
     * @param augment the {@code training.augment} section
     * @return the augmentations it asks for, in order, as one
     * @throws OptionException naming the key path of the first problem
     */
    static ImageAugmentation read(Options augment) {
        check(augment, AUGMENT);
        List<ImageAugmentation> steps = new ArrayList<>();
        if (augment.has("random_crop")) {
            Options crop = check(augment.getOptions("random_crop"), RANDOM_CROP);
            int padding = crop.getInt("padding");
            if (padding < 1) {
                throw new OptionException(crop.pathOf("padding"), "expected at least 1, got " + padding);
            }
            steps.add(new RandomCrop(padding));
        }
        if (augment.has("horizontal_flip")) {
            Options flip = check(augment.getOptions("horizontal_flip"), HORIZONTAL_FLIP);
            steps.add(new HorizontalFlip(OptionReader.of(flip, HORIZONTAL_FLIP).fraction("probability", true)));
        }
        if (augment.has("random_erasing")) {
            Options erase = check(augment.getOptions("random_erasing"), RANDOM_ERASING);
            OptionReader in = OptionReader.of(erase, RANDOM_ERASING);
            double[] scale = range(erase, "scale", List.of(0.02, 0.33));
            double[] ratio = range(erase, "ratio", List.of(0.3, 3.3));
            if (!(scale[0] > 0 && scale[0] <= scale[1] && scale[1] <= 1)) {
                throw new OptionException(erase.pathOf("scale"), "expected [min, max] with 0 < min <= max <= 1, got ["
                        + scale[0] + ", " + scale[1] + "]");
            }
            if (!(ratio[0] > 0 && ratio[0] <= ratio[1])) {
                throw new OptionException(erase.pathOf("ratio"), "expected [min, max] with 0 < min <= max, got ["
                        + ratio[0] + ", " + ratio[1] + "]");
            }
            steps.add(new RandomErasing(in.fraction("probability", true), scale[0], scale[1], ratio[0], ratio[1],
                    in.finiteFloat("value")));
        }
        if (steps.isEmpty()) {
            throw new OptionException(augment.path(), "names no augmentation; give one or more of random_crop,"
                    + " horizontal_flip, random_erasing (or leave augment out)");
        }
        return steps.size() == 1 ? steps.get(0) : ImageAugmentation.sequence(steps);
    }

    private static Options check(Options section, List<OptionSpec> specs) {
        List<OptionException> problems = SectionCheck.problems(section, specs, Set.of());
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return section;
    }

    /** A {@code [min, max]} pair of finite numbers. */
    private static double[] range(Options section, String key, List<Double> defaults) {
        Object raw = section.has(key) ? section.raw(key) : defaults;
        if (!(raw instanceof List<?> list) || list.size() != 2 || !(list.get(0) instanceof Number a)
                || !(list.get(1) instanceof Number b) || !Double.isFinite(a.doubleValue())
                || !Double.isFinite(b.doubleValue())) {
            throw new OptionException(section.pathOf(key), "expected two finite numbers [min, max], got " + raw);
        }
        return new double[] {a.doubleValue(), b.doubleValue()};
    }
}
