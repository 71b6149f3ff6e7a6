package org.neurite.engine.data.source;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.api.DataContext;
import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.DescribedProvider;
import org.neurite.engine.options.OptionReader;
import org.neurite.engine.tensor.MemoryBudget;
import org.neurite.engine.tensor.MemoryLimitException;

/** Provides the data format {@code synthetic}: generated sets, from logic gates to masked token sequences. */
public final class SyntheticSourceProvider extends DescribedProvider implements DataSourceProvider {

    /** The generated sets, truth tables first. */
    public static final List<String> SETS = List.of("xor", "and", "or", "nand", "not", "spirals", "blobs",
            "masked_majority");

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("name", OptionType.STRING, "The set: " + String.join(", ", SETS) + ".")
                    .oneOf(SETS.toArray(String[]::new)),
            OptionSpec.optional("samples", OptionType.INTEGER, 200,
                    "The number of samples, at least 1 (spirals, blobs, masked_majority)."),
            OptionSpec.optional("noise", OptionType.NUMBER, null, "Standard deviation of the noise, >= 0: of the"
                    + " spirals (default 0.1), of each coordinate around its blob's centre (default 0.5)."),
            OptionSpec.optional("classes", OptionType.INTEGER, null, "The number of blobs (classes), at least 2;"
                    + " default 2."),
            OptionSpec.optional("dims", OptionType.INTEGER, null, "The number of features of the blobs, at least 2;"
                    + " default 2."),
            OptionSpec.optional("steps", OptionType.INTEGER, null,
                    "The length of every masked_majority token sequence, at least 1; default 16."),
            OptionSpec.optional("seed", OptionType.INTEGER, null,
                    "Seed of the draws; default the run's seed (plus 1 for validation, 2 for test)."));

    /** The options each set takes besides its name (the truth tables take none). */
    private static final Map<String, Set<String>> OWN = Map.of(
            "spirals", Set.of("samples", "noise", "seed"),
            "blobs", Set.of("samples", "noise", "classes", "dims", "seed"),
            "masked_majority", Set.of("samples", "steps", "seed"));

    /** The provider of {@code synthetic}. */
    public SyntheticSourceProvider() {
        super("synthetic", "A generated set: a logic gate's truth table (xor, and, or, nand, not), spirals, blobs, or"
                + " masked_majority token sequences with a mask.",
                OPTIONS);
    }

    /**
     * @param set the name of a generated set
     * @return the options that set takes: {@code name} and its own (a truth table takes no others)
     */
    public static Set<String> optionsOf(String set) {
        Set<String> keys = new java.util.TreeSet<>(OWN.getOrDefault(set, Set.of()));
        keys.add("name");
        return keys;
    }

    @Override
    public DataSource create(Options options, DataContext context) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        String name = in.choice("name", SETS);
        Set<String> own = OWN.getOrDefault(name, Set.of());
        // samples has a default for every set, so only the keys without one show what was written
        for (String key : List.of("noise", "classes", "dims", "steps", "seed")) {
            if (options.has(key) && !own.contains(key)) {
                throw new OptionException(options.pathOf(key), "does not apply to the set " + name + (own.isEmpty()
                        ? ", which takes no options" : "; it takes " + String.join(", ", own.stream().sorted().toList())));
            }
        }
        int samples = own.isEmpty() ? 0 : atLeast(options, "samples", in.integer("samples"), 1);
        double noise = options.has("noise") ? options.getDouble("noise") : name.equals("blobs") ? 0.5 : 0.1;
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new OptionException(options.pathOf("noise"), "expected 0 or more, got " + noise);
        }
        int classes = name.equals("blobs") ? atLeast(options, "classes", options.getInt("classes", 2), 2) : 2;
        int dims = switch (name) {
            case "blobs" -> atLeast(options, "dims", options.getInt("dims", 2), 2);
            case "masked_majority" -> atLeast(options, "steps", options.getInt("steps", 16), 1);
            default -> 2;
        };
        long seed = options.has("seed") ? options.getInt("seed") : context.seed();
        long features = name.equals("masked_majority") ? 2L * dims : dims;
        try {
            // a size from the config is checked before anything is allocated
            MemoryBudget.floats((long) samples * (features + 1), "a set of " + samples + " samples of "
                    + features + " features");
        } catch (MemoryLimitException e) {
            throw new OptionException(options.pathOf("samples"), e.getMessage());
        }
        return new SyntheticSource(name, samples, noise, classes, dims, seed);
    }

    private static int atLeast(Options options, String key, int value, int least) {
        if (value < least) {
            throw new OptionException(options.pathOf(key), "expected at least " + least + ", got " + value);
        }
        return value;
    }
}
