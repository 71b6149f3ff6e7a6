package org.neurite.launcher.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.engine.data.source.FolderContext;
import org.neurite.engine.options.OptionReader;
import org.neurite.engine.registry.Components;

/**
 * Checks one data source of a config ({@code data.train}, {@code data.validation}, {@code data.test}):
 * a share held out of the training data, or a provider's format with its options, which the provider
 * checks by creating the source (so that missing files are found now).
 */
final class SourceCheck {

    private final Problems problems;
    private final Components components;

    SourceCheck(Problems problems, Components components) {
        this.problems = problems;
        this.components = components;
    }

    /**
     * @param s the source's section
     * @param allowSplit whether {@code split: 0.1} may stand for a source (validation only)
     * @param defaultSeed the seed of its random draws unless it gives one
     * @return the checked source, or {@code null} after recording its problems
     */
    SourceConfig source(Options s, boolean allowSplit, long defaultSeed) {
        if (allowSplit && s.has("split")) {
            if (!problems.section(s, ConfigKeys.SPLIT, Set.of())) {
                return null;
            }
            return problems.attempt(() -> {
                double fraction = s.getDouble("split");
                if (!(fraction > 0 && fraction < 1)) {
                    throw new OptionException(s.pathOf("split"), "expected a share in (0, 1), got " + fraction);
                }
                return new SourceConfig.Split(s.path(), fraction, s.has("seed") ? s.getInt("seed") : defaultSeed - 1);
            });
        }
        List<String> formats = components.dataSources().names();
        if (s.raw("format") == null) {
            problems.add(new OptionException(s.pathOf("format"), "is required but missing; one of "
                    + String.join(", ", formats) + (allowSplit ? " (or give split: 0.1 to hold out training data)" : "")));
            return null;
        }
        String format = problems.attempt(() -> OptionReader.checkChoice(s, "format", s.getString("format"), formats));
        if (format == null) {
            return null;
        }
        return provided(s, format, defaultSeed);
    }

    /** A source of a provider's format: its options are checked by their docs, then by the provider. */
    private SourceConfig provided(Options s, String format, long defaultSeed) {
        DataSourceProvider provider = components.dataSources().get(format, s.pathOf("format"));
        List<OptionSpec> specs = new ArrayList<>(List.of(ConfigKeys.FORMAT));
        specs.addAll(provider.options());
        if (!problems.section(s, specs, Set.of())) {
            return null;
        }
        Map<String, Object> own = new LinkedHashMap<>(s.asMap());
        own.remove("format");
        FolderContext context = new FolderContext(problems.doc().folder(), defaultSeed);
        return problems.attempt(() -> {
            DataSource source = components.dataSource(format, Options.of(s.path(), own), context);
            Map<String, Path> files = new LinkedHashMap<>();
            context.files().forEach((path, file) -> files.put(path.substring(s.path().length() + 1), file));
            return new SourceConfig.Provided(s.path(), format, source, files);
        });
    }
}
