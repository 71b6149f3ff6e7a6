package org.neurite.launcher.plugin;

/** Java sources of small providers, compiled into test plugins by {@link TestPlugin}. */
final class FixtureSources {

    private FixtureSources() {
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static String simpleNameOf(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * @param className the provider's binary name
     * @param name the layer type it provides
     * @return a layer provider that builds a flatten layer and documents one option
     */
    static String layerProvider(String className, String name) {
        return """
                package %s;

                import java.util.List;

                import org.neurite.api.Layer;
                import org.neurite.api.LayerContext;
                import org.neurite.api.LayerProvider;
                import org.neurite.api.OptionSpec;
                import org.neurite.api.OptionType;
                import org.neurite.api.Options;
                import org.neurite.api.Shape;
                import org.pf4j.Extension;

                @Extension
                public class %s implements LayerProvider {

                    @Override
                    public String name() {
                        return "%s";
                    }

                    @Override
                    public String description() {
                        return "Flattens each sample, from a test plugin.";
                    }

                    @Override
                    public List<OptionSpec> options() {
                        return List.of(OptionSpec.optional("note", OptionType.STRING, "none", "A note, ignored."));
                    }

                    @Override
                    public Layer create(Options options, Shape inputShape, LayerContext context) {
                        options.rejectUnknown(options());
                        return context.layer("flatten", Options.empty(), inputShape);
                    }
                }
                """.formatted(packageOf(className), simpleNameOf(className), name);
    }

    /**
     * @param className the provider's binary name
     * @param name the activation it provides
     * @return an activation provider whose constructor has the backend injected, and whose
     *     description says which backend it got
     */
    static String injectedActivationProvider(String className, String name) {
        return """
                package %s;

                import java.util.List;

                import jakarta.inject.Inject;

                import org.neurite.api.Activation;
                import org.neurite.api.ActivationProvider;
                import org.neurite.api.Backend;
                import org.neurite.api.OptionSpec;
                import org.neurite.api.Options;
                import org.pf4j.Extension;

                @Extension
                public class %s implements ActivationProvider {

                    private final Backend backend;

                    @Inject
                    public %s(Backend backend) {
                        this.backend = backend;
                    }

                    @Override
                    public String name() {
                        return "%s";
                    }

                    @Override
                    public String description() {
                        return "Identity, created with the backend " + backend;
                    }

                    @Override
                    public List<OptionSpec> options() {
                        return List.of();
                    }

                    @Override
                    public Activation create(Options options) {
                        throw new UnsupportedOperationException("only listed in tests");
                    }
                }
                """.formatted(packageOf(className), simpleNameOf(className), simpleNameOf(className), name);
    }
}
