package org.neurite.engine.data.source;

import java.nio.file.Path;
import java.util.List;

import org.neurite.api.DataContext;
import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.DescribedProvider;

/** Provides the data format {@code idx}: images and labels in a pair of IDX files, as MNIST's. */
public final class IdxSourceProvider extends DescribedProvider implements DataSourceProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("images", OptionType.STRING, "The IDX images file, gzipped or plain."),
            OptionSpec.required("labels", OptionType.STRING, "The IDX labels file, gzipped or plain."),
            OptionSpec.optional("scale", OptionType.NUMBER, null,
                    "Every value is divided by this; default 255 for unsigned bytes, else 1."));

    /** The provider of {@code idx}. */
    public IdxSourceProvider() {
        super("idx", "Images and labels in a pair of IDX files (MNIST's layout, gzipped or plain): input of each image's"
                + " shape, one label.",
                OPTIONS);
    }

    @Override
    public DataSource create(Options options, DataContext context) {
        Double scale = null;
        if (options.has("scale")) {
            double v = options.getDouble("scale");
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new OptionException(options.pathOf("scale"), "expected a positive number, got " + v);
            }
            scale = v;
        }
        Path images = context.file(options, "images");
        Path labels = context.file(options, "labels");
        return new IdxSource(images, labels, scale);
    }
}
