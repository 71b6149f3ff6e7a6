package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.launcher.plugin.TestPlugin;

/**
 * Plugins that go wrong, built in the test and run through the assembled {@code bin/neurite}:
 * every failure is one line naming the plugin (and the layer, epoch and step where there are
 * any), with the exit code of its kind, and nothing else stops working.
 */
class PluginFailureTest {

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    /** A layer provider in package org.example.{id}, built on the api's helpers, whose forward is {@code body}. */
    private static String layer(String id, String type, String body, String extra) {
        return """
                package org.example.%1$s;

                import org.neurite.api.*;
                import org.pf4j.Extension;

                public final class Layer%1$s extends BaseLayer {
                    Layer%1$s(Options options, Shape input, LayerContext context) {
                        super("%2$s", options, context);
                    }
                    public Shape outputShape(Shape input) {
                        return input;
                    }
                    public Tensor forward(Tensor input, Mode mode) {
                        %3$s
                    }
                    @Extension
                    public static final class Provider extends LayerDefinition implements LayerProvider {
                        public Provider() {
                            super("%2$s", "A layer of a test plugin.", Layer%1$s::new);
                        }
                        %4$s
                    }
                }
                """.formatted(id, type, body, extra);
    }

    /** The command's own last line (the JVM may warn about the Vector API module before it). */
    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }

    private Path plugin(String id, String type, String body, String extra, String... removedClasses) throws IOException {
        TestPlugin plugin = TestPlugin.named(id).source("org.example." + id + ".Layer" + id, layer(id, type, body, extra));
        if (id.equals("ghost")) {
            plugin.source("org.example.ghost.Helper", "package org.example.ghost; final class Helper {"
                    + " static org.neurite.api.Tensor twice(org.neurite.api.Tensor x) { return x.mul(2f); } }");
        }
        for (String removed : removedClasses) {
            plugin.withoutClass(removed);
        }
        Path folder = temp.resolve("plugins-" + id);
        plugin.zipInto(folder, temp.resolve("work-" + id));
        return folder;
    }

    private CommandResult train(Path plugins, String layerLine) throws IOException {
        return train(plugins, layerLine, temp.resolve("runs"));
    }

    private CommandResult train(Path plugins, String layerLine, Path out) throws IOException {
        String config = RunConfigs.SPIRALS.replace("- {type: dense, units: 8, activation: relu}",
                layerLine + "\n    - {type: dense, units: 8, activation: relu}");
        Path file = RunConfigs.write(temp, "run.yaml", config);
        return distribution.run(temp, Map.of("NEURITE_PLUGINS", plugins.toString()), "train", file.toString(), "--out",
                out.toString());
    }

    @Test
    void aThrowInForwardNamesLayerPluginEpochAndStepAndGoesIntoTrainLog() throws IOException {
        Path plugins = plugin("boom", "boom", "throw new IllegalStateException(\"no luck\");", "");

        CommandResult run = train(plugins, "- {type: boom}");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String line = "epoch 1, step 1: model.layers[0] (boom) forward failed: IllegalStateException: no luck"
                + " [in plugin 'boom' 1.0.0]";
        assertThat(lastLine(run.stderr())).isEqualTo("neurite train: " + line);
        assertThat(Files.readString(RunConfigs.onlyRunFolder(temp.resolve("runs")).resolve("train.log"))).contains(line);

        CommandResult debug = distribution.run(temp, Map.of("NEURITE_PLUGINS", plugins.toString()), "--debug", "train",
                temp.resolve("run.yaml").toString(), "--out", temp.resolve("runs2").toString());
        assertThat(debug.stderr()).contains(line, "\tat org.example.boom.Layerboom.forward");
    }

    @Test
    void aThrowInForwardAtEvaluateAndPredictNamesLayerAndPlugin() throws IOException {
        // trains as the identity, throws once NEURITE_TEST_BOOM is set
        Path plugins = plugin("later", "later", "if (System.getenv(\"NEURITE_TEST_BOOM\") != null)"
                + " throw new IllegalStateException(\"no luck\"); return input;", "");
        CommandResult trained = train(plugins, "- {type: later}");
        assertThat(trained.exitCode()).as(trained.toString()).isZero();
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        Path points = Files.writeString(temp.resolve("points.json"), "[[0.1, 0.2]]");
        Map<String, String> env = Map.of("NEURITE_PLUGINS", plugins.toString(), "NEURITE_TEST_BOOM", "1");
        String line = "layers[0] (later) forward failed: IllegalStateException: no luck [in plugin 'later' 1.0.0]";

        CommandResult evaluate = distribution.run(temp, env, "evaluate", run.toString(), "--data",
                temp.resolve("run.yaml").toString());
        CommandResult predict = distribution.run(temp, env, "predict", run.toString(), points.toString());

        assertThat(evaluate.exitCode()).as(evaluate.toString()).isEqualTo(1);
        assertThat(lastLine(evaluate.stderr())).isEqualTo("neurite evaluate: " + line);
        assertThat(predict.exitCode()).as(predict.toString()).isEqualTo(1);
        assertThat(lastLine(predict.stderr())).isEqualTo("neurite predict: " + line);
    }

    @Test
    void aThrowInBackwardNamesLayerPluginEpochAndStepAndGoesIntoTrainLog() throws IOException {
        Path plugins = plugin("back", "back", "return input.backend().custom(\"back\", input,"
                + " g -> { throw new IllegalStateException(\"no way back\"); }, input);", "");

        CommandResult run = train(plugins, "- {type: dense, units: 8}\n    - {type: back}");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String line = "epoch 1, step 1: model.layers[1] (back) backward failed: IllegalStateException: no way back"
                + " [in plugin 'back' 1.0.0]";
        assertThat(lastLine(run.stderr())).isEqualTo("neurite train: " + line);
        assertThat(Files.readString(RunConfigs.onlyRunFolder(temp.resolve("runs")).resolve("train.log"))).contains(line);
    }

    @Test
    void aThrowInAPluginOptimizersStepNamesOptimizerPluginEpochAndStepAndGoesIntoTrainLog() throws IOException {
        TestPlugin plugin = TestPlugin.named("stuck").source("org.example.stuck.Stuck", """
                package org.example.stuck;

                import java.util.List;
                import java.util.Map;
                import org.neurite.api.*;
                import org.pf4j.Extension;

                public final class Stuck implements Optimizer {
                    public String name() { return "stuck"; }
                    public void step(Map<String, Parameter> parameters) { throw new IllegalStateException("stuck"); }
                    public double learningRate() { return 0.1; }
                    public void setLearningRate(double learningRate) { }
                    public Map<String, float[]> state() { return Map.of(); }
                    public void loadState(Map<String, float[]> state) { }
                    @Extension
                    public static final class Provider implements OptimizerProvider {
                        public String name() { return "stuck"; }
                        public String description() { return "An optimizer of a test plugin."; }
                        public List<OptionSpec> options() { return List.of(); }
                        public Optimizer create(Options options) { return new Stuck(); }
                    }
                }
                """);
        Path plugins = temp.resolve("plugins-stuck");
        plugin.zipInto(plugins, temp.resolve("work-stuck"));
        Path config = RunConfigs.write(temp, "run.yaml", RunConfigs.SPIRALS.replace("{name: adam, lr: 0.05}", "stuck"));

        CommandResult run = distribution.run(temp, Map.of("NEURITE_PLUGINS", plugins.toString()), "train",
                config.toString(), "--out", temp.resolve("runs").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String line = "epoch 1, step 1: optimizer (stuck) step failed: IllegalStateException: stuck [in plugin 'stuck' 1.0.0]";
        assertThat(lastLine(run.stderr())).isEqualTo("neurite train: " + line);
        assertThat(Files.readString(RunConfigs.onlyRunFolder(temp.resolve("runs")).resolve("train.log"))).contains(line);
    }

    @Test
    void aClassMissingFromTheZipIsNamedWithItsPluginAtBuildAndAtForward() throws IOException {
        Path plugins = plugin("ghost", "ghost", "return Helper.twice(input);",
                "public Layer create(Options o, Shape s, LayerContext c) { Helper.twice(null); return null; }",
                "org.example.ghost.Helper");

        CommandResult run = train(plugins, "- {type: ghost}");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("model.layers[0]: layer type 'ghost' of plugin 'ghost' 1.0.0 failed to build:"
                + " NoClassDefFoundError: org/example/ghost/Helper").doesNotContain("\tat ");
    }

    @Test
    void aClassMissingAtForwardEndsTheRunWithItsPlugin() throws IOException {
        Path plugins = plugin("ghost", "ghost", "return Helper.twice(input);", "", "org.example.ghost.Helper");

        CommandResult run = train(plugins, "- {type: ghost}");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(lastLine(run.stderr())).isEqualTo("neurite train: epoch 1, step 1: model.layers[0] (ghost) forward"
                + " failed: NoClassDefFoundError: org/example/ghost/Helper [in plugin 'ghost' 1.0.0]");
    }

    @Test
    void aProviderWhoseOptionsThrowIsShownBrokenAndTheListingsSurvive() throws IOException {
        Path plugins = plugin("shaky", "shaky", "return input;",
                "public java.util.List<OptionSpec> options() { throw new IllegalStateException(\"no docs\"); }");
        Map<String, String> env = Map.of("NEURITE_PLUGINS", plugins.toString());

        CommandResult listing = distribution.run(temp, env, "plugins");
        CommandResult check = distribution.run(temp, env, "plugins", "--check");
        CommandResult layers = distribution.run(temp, env, "layers");

        assertThat(listing.exitCode()).as(listing.toString()).isZero();
        assertThat(listing.stdout()).containsPattern("(?m)^shaky\\s+1\\.0\\.0\\s+disabled\\s+extension"
                + " org\\.example\\.shaky\\.Layershaky\\$Provider fails to give its options: no docs$")
                .containsPattern("(?m)^perceptron\\s.*started");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(layers.exitCode()).as(layers.toString()).isZero();
        assertThat(layers.stdout()).contains("dense", "mlp").doesNotContain("shaky");
    }

    @Test
    void aClashWithTheDistributionsPluginDisablesNobody() throws IOException {
        Path plugins = plugin("rival", "mlp", "return input;", "");
        Map<String, String> env = Map.of("NEURITE_PLUGINS", plugins.toString());

        CommandResult listing = distribution.run(temp, env, "plugins");
        assertThat(listing.stdout()).containsPattern("(?m)^perceptron\\s.*started.*mlp")
                .containsPattern("(?m)^rival\\s+1\\.0\\.0\\s+started\\s+layer type mlp$")
                .contains("layer type 'mlp': perceptron:mlp (used for 'mlp'), rival:mlp");

        CommandResult plain = train(plugins, "- {type: mlp, hidden: [8], output: 2}");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        // built by the distribution's perceptron plugin, not by the newcomer
        assertThat(Files.readString(run.resolve("model.json"))).contains("\"id\": \"perceptron\"")
                .doesNotContain("\"id\": \"rival\"");
        assertThat(Files.readString(run.resolve("train.log")))
                .contains("name clash: layer type 'mlp': perceptron:mlp (used for 'mlp'), rival:mlp");

        CommandResult qualified = train(plugins, "- {type: 'rival:mlp'}", temp.resolve("q"));
        assertThat(qualified.exitCode()).as(qualified.toString()).isZero();
        assertThat(Files.readString(RunConfigs.onlyRunFolder(temp.resolve("q")).resolve("model.json")))
                .contains("\"type\": \"rival:mlp\"", "\"id\": \"rival\"");
    }

    @Test
    void removingTheZipUninstallsThePlugin() throws IOException {
        Path plugins = plugin("gone", "gone", "return input;", "");
        Map<String, String> env = Map.of("NEURITE_PLUGINS", plugins.toString());
        assertThat(distribution.run(temp, env, "plugins").stdout()).containsPattern("(?m)^gone\\s+1\\.0\\.0\\s+started");

        Files.delete(plugins.resolve("gone-1.0.0.zip"));

        CommandResult after = distribution.run(temp, env, "plugins");
        assertThat(after.exitCode()).isZero();
        assertThat(after.stdout()).doesNotContainPattern("(?m)^gone\\s");
        try (var files = Files.list(plugins)) {
            assertThat(files).isEmpty(); // nothing was ever unpacked beside the zip
        }
    }

    @Test
    void aModelWhosePluginIsMissingSaysWhichToInstall() throws IOException {
        Path plugins = plugin("twice", "twice", "return input.mul(2f);", "");
        CommandResult trained = train(plugins, "- {type: twice}");
        assertThat(trained.exitCode()).as(trained.toString()).isZero();
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        assertThat(Files.readString(run.resolve("model.json"))).contains("\"id\": \"twice\"", "\"version\": \"1.0.0\"");

        CommandResult evaluate = distribution.run(temp, Map.of(), "evaluate", run.toString(), "--data",
                temp.resolve("run.yaml").toString());

        assertThat(evaluate.exitCode()).as(evaluate.toString()).isEqualTo(1);
        assertThat(lastLine(evaluate.stderr())).endsWith("plugins: the model was built with plugin 'twice' 1.0.0, which is"
                + " not installed (or disabled; see neurite plugins); install it into a plugins folder");
    }
}
