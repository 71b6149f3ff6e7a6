package org.neurite.launcher.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.engine.inference.Preprocessing;

/**
 * The keys of {@code data} that say what travels with the trained model rather than where the
 * samples come from: the names of the classes ({@code classes: [T-shirt/top, Trouser, ...]}) and
 * the normalisation computed from the training data ({@code normalize: per_channel}).
 *
 * @param classes the class names in index order, or {@code null} to take them from the data (a CSV's
 *     string labels, an image folder's subfolders) or to have none
 * @param normalize which inputs share a mean and standard deviation
 */
public record DataOptions(List<String> classes, Preprocessing.Normalization normalize) {

    /** The key of the class names. */
    public static final String CLASSES = "classes";
    /** The key of the normalisation. */
    public static final String NORMALIZE = "normalize";

    /** The values {@code normalize} takes. */
    public static final List<String> NORMALIZATIONS = List.of("none", "global", "per_channel", "per_feature");

    /**
     * @param config a checked config
     * @return its data options
     */
    public static DataOptions of(RunConfig config) {
        return read(config.document().options().getOptions("data"));
    }

    /**
     * @param data the {@code data} section
     * @return its options
     * @throws OptionException if {@code classes} is not a list of distinct non-empty names
     */
    static DataOptions read(Options data) {
        List<String> classes = null;
        if (data.has(CLASSES)) {
            if (!(data.raw(CLASSES) instanceof List<?> list) || list.size() < 2) {
                throw new OptionException(data.pathOf(CLASSES), "expected a list of at least two class names in index"
                        + " order, such as [cat, dog], got " + data.raw(CLASSES));
            }
            classes = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Object name = list.get(i);
                if (!(name instanceof String || name instanceof Number || name instanceof Boolean)
                        || String.valueOf(name).isBlank()) {
                    throw new OptionException(data.pathOf(CLASSES) + "[" + i + "]", "expected a class name, got "
                            + (name instanceof Map ? "a map" : String.valueOf(name)));
                }
                if (!seen.add(String.valueOf(name))) {
                    throw new OptionException(data.pathOf(CLASSES) + "[" + i + "]", "the class name '" + name
                            + "' is given twice");
                }
                classes.add(String.valueOf(name));
            }
            classes = List.copyOf(classes);
        }
        String normalize = data.getString(NORMALIZE, "none");
        return new DataOptions(classes, Preprocessing.Normalization.valueOf(normalize.toUpperCase(java.util.Locale.ROOT)));
    }
}
