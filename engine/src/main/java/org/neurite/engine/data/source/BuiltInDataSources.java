package org.neurite.engine.data.source;

import java.util.List;

import org.neurite.api.DataSourceProvider;

/** The engine's built-in {@link DataSourceProvider}s, one per data format. */
public final class BuiltInDataSources {

    private BuiltInDataSources() {
    }

    /** @return every built-in provider of this kind */
    public static List<DataSourceProvider> providers() {
        return List.of(new IdxSourceProvider(), new CsvSourceProvider(), new SyntheticSourceProvider(), new TextSourceProvider(),
                new SequencesSourceProvider(), new WindowsSourceProvider());
    }
}
