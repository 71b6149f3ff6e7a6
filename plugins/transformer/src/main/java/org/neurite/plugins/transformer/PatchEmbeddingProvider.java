package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.pf4j.Extension;

/** {@code {type: patch_embedding, patch: 7, dim: 64}}: images to a sequence of patch tokens (ViT). */
@Extension
public final class PatchEmbeddingProvider implements LayerProvider {

    @Override
    public String name() {
        return PatchEmbedding.TYPE;
    }

    @Override
    public String description() {
        return "Vision Transformer patch embedding: images [channels, height, width] (or [height, width]) cut into"
                + " patch x patch squares, each mapped linearly to a token of dim (weight [dim, channels*patch*patch]).";
    }

    @Override
    public List<OptionSpec> options() {
        return PatchEmbedding.optionSpecs();
    }

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(options());
        int patch = LayerOptions.positive(options, "patch");
        int dim = LayerOptions.positive(options, "dim");
        Shape patches = PatchEmbedding.patches(inputShape, patch);
        Layer projection = context.layer("dense", LayerOptions.at(options, "units", dim,
                "use_bias", options.getBoolean("bias", true)), patches);
        return new PatchEmbedding(options, inputShape, patch, projection);
    }
}
