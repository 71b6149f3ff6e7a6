package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * Cuts images into square patches and maps each to a token, as a Vision Transformer does: the
 * patches in row-major order, each flattened channel by channel, row by row, then one linear
 * map {@code weight [dim, channels * patch * patch]}, {@code bias [dim]} (the weight of a
 * {@code Conv2d(channels, dim, patch, stride=patch)} reshaped to that layout computes the same).
 *
 * <p>Shape: input {@code [batch, channels, height, width]} or {@code [batch, height, width]}
 * (one channel), both sides divisible by the patch; output
 * {@code [batch, (height / patch) * (width / patch), dim]}.
 */
final class PatchEmbedding extends CompositeLayer {

    static final String TYPE = "patch_embedding";

    private final Shape input;
    private final int patch;
    private final Layer projection;

    PatchEmbedding(Options options, Shape input, int patch, Layer projection) {
        super(TYPE, options);
        this.input = input;
        this.patch = patch;
        this.projection = part("", projection);
    }

    /** @return the per-sample shape of the flattened patches, {@code [tokens, channels * patch * patch]} */
    static Shape patches(Shape image, int patch) {
        if (image.rank() < 2 || image.rank() > 3) {
            throw new ShapeMismatchException(TYPE + ": expects images [channels, height, width] or [height, width],"
                    + " got " + image);
        }
        int channels = image.rank() == 3 ? image.dim(0) : 1;
        int h = image.dim(-2);
        int w = image.dim(-1);
        if (h % patch != 0 || w % patch != 0) {
            throw new ShapeMismatchException(TYPE + ": images " + image + " do not divide into patches of " + patch
                    + " x " + patch);
        }
        return Shape.of((h / patch) * (w / patch), channels * patch * patch);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.equals(input)) {
            throw new ShapeMismatchException(TYPE + ": was built for images " + input + ", got " + inputShape);
        }
        return projection.outputShape(patches(input, patch));
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        int batch = x.shape().dim(0);
        int channels = input.rank() == 3 ? input.dim(0) : 1;
        int rows = input.dim(-2) / patch;
        int cols = input.dim(-1) / patch;
        Tensor tokens = x.reshape(batch, channels, rows, patch, cols, patch)
                .permute(0, 2, 4, 1, 3, 5) // [batch, rows, cols, channels, patch, patch]
                .reshape(batch, rows * cols, channels * patch * patch);
        return projection.forward(tokens, mode);
    }

    /** @return the provider's option list */
    static List<OptionSpec> optionSpecs() {
        return List.of(
                OptionSpec.required("patch", OptionType.INTEGER,
                        "Side of the square patches; divides the image's height and width."),
                OptionSpec.required("dim", OptionType.INTEGER,
                        "Width of each token."),
                OptionSpec.optional("bias", OptionType.BOOLEAN, true,
                        "Whether the projection adds a bias."));
    }
}
