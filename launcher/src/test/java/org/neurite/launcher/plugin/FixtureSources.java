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

    /**
     * @param className the provider's binary name
     * @param name the schedule it provides
     * @return a schedule provider whose schedule halves the base rate every {@code every} steps
     */
    static String scheduleProvider(String className, String name) {
        return """
                package %s;

                import java.util.List;

                import org.neurite.api.LearningRateSchedule;
                import org.neurite.api.OptionSpec;
                import org.neurite.api.OptionType;
                import org.neurite.api.Options;
                import org.neurite.api.ScheduleContext;
                import org.neurite.api.ScheduleProvider;
                import org.pf4j.Extension;

                @Extension
                public class %s implements ScheduleProvider {

                    @Override
                    public String name() {
                        return "%s";
                    }

                    @Override
                    public String description() {
                        return "Halves the rate every 'every' steps.";
                    }

                    @Override
                    public List<OptionSpec> options() {
                        return List.of(OptionSpec.required("every", OptionType.INTEGER, "steps between halvings"));
                    }

                    @Override
                    public LearningRateSchedule create(Options options, ScheduleContext context) {
                        int every = options.getInt("every");
                        return step -> context.baseRate() * Math.pow(0.5, step / every);
                    }
                }
                """.formatted(packageOf(className), simpleNameOf(className), name);
    }

    /**
     * @param className the provider's binary name
     * @param name the kind of gradient clipping it provides
     * @return a clipper provider whose clipper zeroes every gradient and returns how many it saw
     */
    static String clipperProvider(String className, String name) {
        return """
                package %s;

                import java.util.Arrays;
                import java.util.List;
                import java.util.Map;

                import org.neurite.api.GradientClipper;
                import org.neurite.api.GradientClipperProvider;
                import org.neurite.api.OptionSpec;
                import org.neurite.api.Options;
                import org.neurite.api.Parameter;
                import org.pf4j.Extension;

                @Extension
                public class %s implements GradientClipperProvider {

                    @Override
                    public String name() {
                        return "%s";
                    }

                    @Override
                    public String description() {
                        return "Zeroes every gradient.";
                    }

                    @Override
                    public List<OptionSpec> options() {
                        return List.of();
                    }

                    @Override
                    public GradientClipper create(Options options) {
                        return new GradientClipper() {
                            @Override
                            public String name() {
                                return "%s";
                            }

                            @Override
                            public double clip(Map<String, Parameter> parameters) {
                                int seen = 0;
                                for (Parameter p : parameters.values()) {
                                    if (p.gradient() != null) {
                                        Arrays.fill(p.gradient(), 0f);
                                        seen++;
                                    }
                                }
                                return seen;
                            }
                        };
                    }
                }
                """.formatted(packageOf(className), simpleNameOf(className), name, name);
    }
}
