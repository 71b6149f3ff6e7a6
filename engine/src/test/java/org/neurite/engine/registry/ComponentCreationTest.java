package org.neurite.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Tensor;

/** The host creates every component the same way: options checked, defaults filled, failures named by owner. */
class ComponentCreationTest {

    /** An activation provider that hands back whatever it is told to, recording the options it got. */
    private static final class Scripted implements ActivationProvider {
        private final String name;
        private final Object result;
        private Options received;

        Scripted(String name, Object result) {
            this.name = name;
            this.result = result;
        }

        public String name() {
            return name;
        }

        public String description() {
            return "Scripted.";
        }

        public List<OptionSpec> options() {
            return List.of(OptionSpec.optional("beta", OptionType.NUMBER, 1.0, "Slope.").atLeast(0));
        }

        public Activation create(Options options) {
            received = options;
            if (result instanceof RuntimeException e) {
                throw e;
            }
            if (result instanceof Error e) {
                throw e;
            }
            return (Activation) result;
        }
    }

    private static final Activation IDENTITY = new Activation() {
        public String name() {
            return "swish";
        }

        public Tensor apply(Tensor x) {
            return x;
        }
    };

    @Test
    void theProviderGetsCheckedOptionsWithTheirDefaults() {
        Scripted swish = new Scripted("swish", IDENTITY);
        Components c = Components.empty().register(swish, "acts", "1.2.0");
        assertThat(c.activation("swish", Options.of("model.layers[0].activation", Map.of()))).isSameAs(IDENTITY);
        assertThat(swish.received.asMap()).containsExactly(Map.entry("beta", 1.0));
        assertThat(c.pluginsUsed()).containsExactly(Map.entry("acts", "1.2.0"));
        assertThatThrownBy(() -> c.activation("swish", Options.of("a", Map.of("beta", -1))))
                .isInstanceOf(OptionException.class).hasMessage("a.beta: must be >= 0, got -1");
    }

    @Test
    void nullAndFailuresNameTheComponentAndItsPlugin() {
        Components c = Components.empty().register(new Scripted("nothing", null), "acts", "1.2.0")
                .register(new Scripted("broken", new NoClassDefFoundError("org/acts/Helper")), "acts", "1.2.0");
        assertThatThrownBy(() -> c.activation("nothing", Options.of("model.layers[0].activation", Map.of())))
                .isInstanceOf(ComponentException.class)
                .hasMessage("model.layers[0].activation: activation 'nothing' of plugin 'acts' 1.2.0: its provider "
                        + Scripted.class.getName() + " returned null");
        assertThatThrownBy(() -> c.activation("broken", Options.of("loss.activation", Map.of())))
                .isInstanceOf(ComponentException.class)
                .hasMessage("loss.activation: activation 'broken' of plugin 'acts' 1.2.0 failed to build:"
                        + " NoClassDefFoundError: org/acts/Helper");
    }

    @Test
    void aClashKeepsBothReachableAndThePlainNameMeansTheFirst() {
        Scripted first = new Scripted("swish", IDENTITY);
        Scripted second = new Scripted("swish", IDENTITY);
        Components c = Components.builtIns().register(first, "one", "1.0.0").register(second, "two", "1.0.0");
        assertThat(c.activations().find("swish")).containsSame(first);
        assertThat(c.activations().find("two:swish")).containsSame(second);
        assertThat(c.activations().find("neurite:relu")).isPresent();
        assertThat(c.clashes()).containsExactly("activation 'swish': one:swish (used for 'swish'), two:swish");
        c.prefer(second, "two");
        assertThat(c.activations().find("swish")).containsSame(second);
        assertThatThrownBy(() -> c.activation("three:swish", Options.of("x", Map.of())))
                .hasMessageStartingWith("x: unknown activation 'three:swish'");
    }
}
