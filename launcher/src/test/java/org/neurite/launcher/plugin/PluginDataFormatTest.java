package org.neurite.launcher.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.ConfigReader;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.RunConfigCheck;
import org.neurite.launcher.run.data.RunData;
import org.pf4j.DefaultExtensionFactory;

/** A plugin adds a data format: PF4J finds its provider, and a config selects it with format:. */
class PluginDataFormatTest {

    private static final String PROVIDER = """
            package org.example.counting;

            import java.util.List;
            import java.util.Map;

            import org.neurite.api.DataContext;
            import org.neurite.api.DataSource;
            import org.neurite.api.DataSourceProvider;
            import org.neurite.api.OptionSpec;
            import org.neurite.api.OptionType;
            import org.neurite.api.Options;
            import org.neurite.api.SampleSet;
            import org.neurite.api.Shape;
            import org.pf4j.Extension;

            @Extension
            public class CountingProvider implements DataSourceProvider {

                public String name() {
                    return "counting";
                }

                public String description() {
                    return "Numbers 0 to n - 1, labelled odd (1) or even (0).";
                }

                public List<OptionSpec> options() {
                    return List.of(OptionSpec.required("n", OptionType.INTEGER, "How many numbers."));
                }

                public DataSource create(Options options, DataContext context) {
                    int n = options.getInt("n");
                    return () -> {
                        float[] x = new float[n];
                        float[] y = new float[n];
                        for (int i = 0; i < n; i++) {
                            x[i] = i;
                            y[i] = i %% 2;
                        }
                        return SampleSet.of("counting", Map.of("number", new SampleSet.Column(x, Shape.of(1))),
                                new SampleSet.Column(y, Shape.scalar()), 2, Map.of());
                    };
                }
            }
            """.replace("%%", "%");

    @TempDir
    Path temp;

    @Test
    void aPluginsDataFormatIsFoundAndSelectedByFormat() throws IOException {
        Path plugins = temp.resolve("plugins");
        TestPlugin.named("counting").source("org.example.counting.CountingProvider", PROVIDER)
                .zipInto(plugins, temp.resolve("work"));
        NeuritePluginManager manager = new NeuritePluginManager(List.of(plugins), new DefaultExtensionFactory());
        LoadedPlugins loaded = LoadedPlugins.load(manager, Components.builtIns());
        Components components = loaded.components();

        assertThat(components.dataSources().names()).contains("counting", "text", "sequences", "windows");
        String config = """
                data:
                  train: {format: counting, n: 10}
                model:
                  input: [1]
                  layers: [{type: dense, units: 2}]
                loss: cross_entropy
                optimizer: adam
                """;
        RunConfig checked = RunConfigCheck.check(ConfigReader.read(config, "run.yaml", temp, false), components);
        RunData data = RunData.load(checked, checked.buildModel(components));
        Dataset train = data.train();
        assertThat(train.size()).isEqualTo(10);
        assertThat(train.numClasses()).hasValue(2);
        assertThat(train.target(7)).containsExactly(1f);

        assertThatThrownBy(() -> RunConfigCheck.check(ConfigReader.read(config.replace("n: 10", "m: 10"), "run.yaml",
                temp, false), components))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("run.yaml:2: data.train.m: unknown option (did you mean 'n'?); known options: format, n")
                .hasMessageContaining("run.yaml:2: data.train.n: is required but missing");
        manager.stopPlugins();
    }
}
