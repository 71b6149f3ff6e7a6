package org.neurite.launcher.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.neurite.api.ComponentProvider;
import org.neurite.api.Names;
import org.neurite.api.OptionSpec;
import org.neurite.engine.registry.ComponentRegistry;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.inject.CommandOutput;
import org.neurite.launcher.plugin.ProviderKind;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurite layers [TYPE]}: every layer type (built in and from plugins) with the options
 * its provider documents, and the names of the activations, losses, optimizers and
 * initializers; or everything about one of them.
 */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = {"Lists every layer type with its options (name, type, default, whether required,"
                + " meaning), as the providers document them, and the names of the activations, losses,"
                + " optimizers and initializers.",
                "With TYPE, shows that one (a layer type, or any other component's name)."})
public final class LayersCommand implements Callable<Integer> {

    private static final int SUGGESTIONS = 3;

    private final Provider<Components> components;
    private final CommandOutput output;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE",
            description = "A layer type such as dense, or the name of an activation, loss, optimizer, initializer or data format.")
    private String type;

    @Option(names = {"-a", "--all"},
            description = "Also show the options of every activation, loss, optimizer and initializer.")
    private boolean all;

    /**
     * @param components the registries, built (and plugins loaded) when this command runs
     * @param output where the listing goes
     */
    @Inject
    public LayersCommand(Provider<Components> components, CommandOutput output) {
        this.components = components;
        this.output = output;
    }

    @Override
    public Integer call() {
        Components registries = components.get();
        PrintWriter out = output.out();
        if (type != null) {
            showOne(registries, out);
        } else {
            showAll(registries, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void showAll(Components registries, PrintWriter out) {
        out.println("Layer types:");
        for (ComponentProvider provider : ProviderKind.LAYER.registry(registries).providers()) {
            out.println();
            describe(provider, ProviderKind.LAYER.registry(registries).kind(), out);
        }
        for (ProviderKind kind : ProviderKind.values()) {
            if (kind == ProviderKind.LAYER) {
                continue;
            }
            ComponentRegistry<? extends ComponentProvider> registry = kind.registry(registries);
            out.println();
            if (all) {
                out.println(plural(registry.kind()) + ":");
                for (ComponentProvider provider : registry.providers()) {
                    out.println();
                    describe(provider, registry.kind(), out);
                }
            } else {
                out.println(plural(registry.kind()) + ": " + String.join(", ", registry.names()));
            }
        }
        if (!all) {
            out.println();
            out.println("'neurite layers NAME' shows the options of one; 'neurite layers --all' shows them all.");
        }
    }

    private void showOne(Components registries, PrintWriter out) {
        boolean found = false;
        for (ProviderKind kind : ProviderKind.values()) {
            ComponentRegistry<? extends ComponentProvider> registry = kind.registry(registries);
            if (registry.find(type).isPresent()) {
                if (found) {
                    out.println();
                }
                describe(registry.find(type).get(), registry.kind(), out);
                found = true;
            }
        }
        if (!found) {
            throw new CommandLine.ParameterException(spec.commandLine(), unknown(registries));
        }
    }

    /** The message for an unknown name: the closest names of any kind, then every layer type. */
    private String unknown(Components registries) {
        List<String> everything = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            everything.addAll(kind.registry(registries).names());
        }
        List<String> close = new ArrayList<>();
        while (close.size() < SUGGESTIONS) {
            String next = Names.closest(type, everything);
            if (next == null) {
                break;
            }
            close.add("'" + next + "'");
            everything.removeIf(next::equals);
        }
        return "unknown layer type '" + type + "'"
                + (close.isEmpty() ? "" : " (closest: " + String.join(", ", close) + ")")
                + "; layer types: " + String.join(", ", ProviderKind.LAYER.registry(registries).names());
    }

    private static void describe(ComponentProvider provider, String kind, PrintWriter out) {
        out.println(provider.name() + " (" + kind + ") - " + provider.description());
        List<OptionSpec> options = provider.options();
        if (options.isEmpty()) {
            out.println("  no options");
            return;
        }
        TextTable table = new TextTable("OPTION", "TYPE", "DEFAULT", "REQUIRED", "MEANING");
        for (OptionSpec o : options) {
            table.row(o.name(), typeName(o), o.required() ? "" : String.valueOf(o.defaultValue()).replace("null", "none"),
                    o.required() ? "yes" : "no", o.description() + (o.range() == null ? "" : " Range: " + o.range() + ".")
                            + (o.choices().isEmpty() ? "" : " One of: " + String.join(", ", o.choices()) + "."));
        }
        table.print(out, "  ");
    }

    private static String typeName(OptionSpec option) {
        return switch (option.type()) {
            case INTEGERS -> "integer(s)";
            case NUMBERS -> "numbers";
            case MAP_LIST -> "list of maps";
            case COMPONENT -> "name or {name: ...}";
            case STRINGS -> "string(s)";
            default -> option.type().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String plural(String kind) {
        String capital = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        return capital + (capital.endsWith("s") ? "es" : "s");
    }
}
