package org.neurite.engine.nn;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.options.DescribedProvider;

/**
 * Provides a parameter-free layer that one list of whole numbers configures: the axes of
 * {@code permute} ({@code dims}), the dimensions of {@code reshape} ({@code shape}). The list is
 * checked as the layer's constructor checks it, but named by its key path; the layer is tried on
 * its input shape before it is returned.
 */
abstract class AxesLayerProvider extends DescribedProvider implements LayerProvider {

    private final String key;

    AxesLayerProvider(String type, String description, String key, String keyDescription) {
        super(type, description, List.of(OptionSpec.required(key, OptionType.INTEGERS, keyDescription)));
        this.key = key;
    }

    /** @return what is wrong with the numbers, or {@code null} if nothing */
    abstract String problem(int[] values);

    /** @return the layer of these (checked) numbers, created with these options */
    abstract Layer create(Options options, int[] values);

    @Override
    public final Layer create(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(options());
        // one number is a list of one, as the INTEGERS option type allows
        int[] values = options.raw(key) instanceof Number ? new int[] {options.getInt(key)} : options.getIntList(key);
        String problem = problem(values);
        if (problem != null) {
            throw new OptionException(options.pathOf(key), problem);
        }
        Layer layer = create(options, values);
        layer.outputShape(inputShape);
        return layer;
    }
}
