package org.neurite.api;

/**
 * Creates {@link DataSource}s of one format from their options; an extension point for
 * plugins. A run config selects it by name with {@code format:}, as in
 * {@code data: {train: {format: text, path: input.txt, window: 64}}}; every other key of that
 * section is one of the provider's {@link #options()}.
 */
public interface DataSourceProvider extends ComponentProvider {

    /**
     * Creates a source. It checks the options and that the files they name exist, but reads no
     * data yet, so a config can be checked quickly and completely before anything runs.
     *
     * @param options the source's section of the config, without {@code format}, checked against {@link #options()}
     * @param context resolves file names and gives the seed of the source's random draws
     * @return the source
     * @throws OptionException if an option is missing, mistyped or out of range, or names no file
     */
    DataSource create(Options options, DataContext context);
}
