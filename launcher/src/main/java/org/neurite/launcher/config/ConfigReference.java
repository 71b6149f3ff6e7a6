package org.neurite.launcher.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neurite.api.ComponentProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.engine.nn.Graph;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.ComponentRegistry;
import org.neurite.engine.registry.Components;

/**
 * The reference of the run config language in Markdown, written from the very specs the
 * checker ({@link RunConfigCheck}, with the keys of {@link ConfigKeys}) and the components check configs against, so that it cannot
 * say anything the checker does not do. {@code neurite config reference} prints it; the build
 * writes it for the built-in components, and {@code docs/config.md} is that text.
 */
public final class ConfigReference {

    private final Components components;
    private final StringBuilder md = new StringBuilder();

    private ConfigReference(Components components) {
        this.components = components;
    }

    /**
     * @param components the components to document (built in, and those of loaded plugins)
     * @return the reference, in Markdown
     */
    public static String markdown(Components components) {
        return new ConfigReference(components).write();
    }

    private String write() {
        line("# Run config reference");
        line();
        line("A run config is a YAML or JSON file; `neurite train CONFIG` checks it whole before anything runs and"
                + " lists every problem with its file, line and key path (exit code 2). This reference is generated"
                + " from the specs that check uses (`neurite config reference` prints it, with the components of the"
                + " plugins installed); `neurite train CONFIG --print-config` shows a config with every default"
                + " filled in. Any value can be overridden on the command line, such as"
                + " `--set training.epochs=5` or `--set model.layers[1].units=64`.");
        line();
        line("Contents: [top level](#top-level), [data](#data), [model](#model), [loss](#loss),"
                + " [optimizer](#optimizer), [training](#training), [spark](#spark), [layer types](#layer-types),"
                + " [activations](#activations), [initializers](#initializers).");
        line();
        line("## Top level");
        line();
        table(ConfigKeys.ROOT.stream().map(o -> o.name().equals("loss") || o.name().equals("optimizer")
                ? new OptionSpec(o.name(), OptionType.COMPONENT, o.defaultValue(), o.required(), o.description()) : o)
                .toList());

        line("## data");
        line();
        table(ConfigKeys.DATA);
        line("Each source names its `format`. `data.validation` may instead hold out a share of the training data:");
        line();
        table(ConfigKeys.SPLIT);
        providers(components.dataSources(), "### format: ", false);

        line("## model");
        line();
        line("A sequential model:");
        line();
        table(Sequential.MODEL_OPTIONS);
        line("Or a graph of named layers:");
        line();
        table(Graph.MODEL_OPTIONS);
        line("Each of a graph's `inputs`:");
        line();
        table(Graph.INPUT_OPTIONS);
        line("Every layer is a map with its `type` (see [layer types](#layer-types)) and that type's options;"
                + " in a graph also its `name` and `inputs`.");
        line();

        line("## loss");
        line();
        line("`loss: NAME`, or `loss: {name: NAME, options...}` with one of:");
        line();
        providers(components.losses(), "### loss: ", false);

        line("## optimizer");
        line();
        line("`optimizer: NAME`, or `optimizer: {name: NAME, options...}`. Every optimizer also takes:");
        line();
        table(ConfigKeys.OPTIMIZER_COMMON);
        providers(components.optimizers(), "### optimizer: ", false);
        line("### optimizer.schedule");
        line();
        line("`schedule: {type: NAME, options...}` with one of:");
        line();
        providers(components.schedules(), "#### schedule: ", false);
        line("### optimizer.clip");
        line();
        line("`clip: {type: NAME, options...}` with one of:");
        line();
        providers(components.clippers(), "#### clip: ", false);

        line("## training");
        line();
        table(ConfigKeys.TRAINING);
        line("### training.early_stopping");
        line();
        table(ConfigKeys.EARLY_STOPPING);
        line("### training.checkpoint");
        line();
        table(ConfigKeys.CHECKPOINT);

        line("## spark");
        line();
        line("Read by `neurite train CONFIG --spark MASTER` only (a run without `--spark` trains on one machine"
                + " and ignores it); each key's flag overrides it.");
        line();
        table(ConfigKeys.SPARK);

        line("## Layer types");
        line();
        providers(components.layers(), "### ", false);
        line("## Activations");
        line();
        line("Named by a layer's `activation` (or an `activation` layer): `activation: relu` or"
                + " `activation: {name: leaky_relu, slope: 0.1}`.");
        line();
        providers(components.activations(), "", true);
        line("## Initializers");
        line();
        line("Named by a layer's initializer options, such as `weight_init: he_normal`.");
        line();
        providers(components.initializers(), "", true);
        return md.toString().stripTrailing() + "\n";
    }

    /** A heading and the option table of each provider; {@code compact} lists those without options in one line. */
    private void providers(ComponentRegistry<? extends ComponentProvider> registry, String heading, boolean compact) {
        List<String> plain = new ArrayList<>();
        for (ComponentProvider p : registry.providers()) {
            if (compact && p.options().isEmpty()) {
                plain.add("`" + p.name() + "`");
                continue;
            }
            if (heading.isEmpty()) {
                line("**`" + p.name() + "`**: " + escape(p.description()));
            } else {
                line(heading + p.name());
                line();
                line(escape(p.description()));
            }
            line();
            if (p.options().isEmpty()) {
                line("No options.");
                line();
            } else {
                table(p.options());
            }
        }
        if (!plain.isEmpty()) {
            line("Without options: " + String.join(", ", plain) + ".");
            line();
        }
    }

    private void table(List<OptionSpec> specs) {
        line("| key | type | default | meaning |");
        line("| --- | --- | --- | --- |");
        for (OptionSpec o : specs) {
            if (o.isOtherKeys()) {
                line("| *(other keys)* | | | " + escape(o.description()) + " |");
                continue;
            }
            String meaning = o.description()
                    + (o.range() == null ? "" : " Range: " + o.range() + ".")
                    + (o.choices().isEmpty() ? "" : " One of: " + String.join(", ", o.choices()) + ".");
            line("| `" + o.name() + "` | " + typeName(o) + " | " + defaultOf(o) + " | " + escape(meaning) + " |");
        }
        line();
    }

    /**
     * @param option an option
     * @return its type as a reader says it
     */
    static String typeName(OptionSpec option) {
        return switch (option.type()) {
            case INTEGERS -> "integer(s)";
            case NUMBERS -> "numbers";
            case MAP_LIST -> "list of maps";
            case COMPONENT -> "name or map";
            case STRINGS -> "string(s)";
            default -> option.type().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String defaultOf(OptionSpec o) {
        if (o.required()) {
            return "required";
        }
        Object value = o.defaultValue();
        if (value == null) {
            return "none";
        }
        return "`" + escape(String.valueOf(value)) + "`";
    }

    private static String escape(String text) {
        // '<' would open an HTML tag in rendered Markdown
        return text.replace("|", "\\|").replace("<", "\\<").replace("\n", " ");
    }

    private void line(String text) {
        md.append(text).append('\n');
    }

    private void line() {
        md.append('\n');
    }
}
