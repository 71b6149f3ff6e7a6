package org.neurite.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;

class ComponentRegistryTest {

    /** A provider that only has a name. */
    private static class Named implements ActivationProvider {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Activation create(Options options) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class OtherNamed extends Named {
        OtherNamed(String name) {
            super(name);
        }
    }

    private final ComponentRegistry<ActivationProvider> registry = new ComponentRegistry<>("activation");

    @Test
    void findsProvidersByNameAndListsThemSorted() {
        Named relu = new Named("relu");
        registry.register(new Named("tanh"));
        registry.register(relu);
        assertThat(registry.get("relu", "x")).isSameAs(relu);
        assertThat(registry.find("relu")).containsSame(relu);
        assertThat(registry.find("gelu")).isEmpty();
        assertThat(registry.names()).containsExactly("relu", "tanh");
        assertThat(registry.providers()).extracting(ActivationProvider::name).containsExactly("relu", "tanh");
        assertThat(registry.kind()).isEqualTo("activation");
    }

    @Test
    void unknownNameNamesThePathTheClosestAndAllKnownNames() {
        registry.register(new Named("relu"));
        registry.register(new Named("leaky_relu"));
        assertThatThrownBy(() -> registry.get("rleu", "model.layers[0].activation"))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].activation: unknown activation 'rleu' (did you mean 'relu'?);"
                        + " known: leaky_relu, relu")
                .extracting(e -> ((OptionException) e).path()).isEqualTo("model.layers[0].activation");
        assertThatThrownBy(() -> registry.get("softmax_with_temperature", "loss"))
                .hasMessage("loss: unknown activation 'softmax_with_temperature'; known: leaky_relu, relu");
    }

    @Test
    void aTakenNameIsRefusedNamingBothProviderClasses() {
        registry.register(new Named("relu"));
        assertThatThrownBy(() -> registry.register(new OtherNamed("relu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("activation 'relu' is provided twice: by " + Named.class.getName() + " and by "
                        + OtherNamed.class.getName());
        assertThat(registry.get("relu", "")).isExactlyInstanceOf(Named.class);
    }

    @Test
    void namesMustBeLowerCaseWithUnderscores() {
        assertThatThrownBy(() -> registry.register(new Named("LeakyReLU")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has the name 'LeakyReLU'; names are lower case letters, digits and underscores");
        assertThatThrownBy(() -> registry.register(new Named(null))).hasMessageContaining("has the name 'null'");
        registry.register(new Named("conv2d"));
        assertThat(registry.names()).containsExactly("conv2d");
    }

    @Test
    void anUnregisteredProviderIsGoneAndALookupSaysWhy() {
        Named mish = new Named("mish");
        registry.register(mish);
        assertThat(registry.unregister(new Named("mish"), "elsewhere")).as("only the registered instance").isFalse();
        assertThat(registry.unregister(mish, "its provider Mish left with bundle org.example.mish 1.0.0")).isTrue();
        assertThat(registry.find("mish")).isEmpty();
        assertThatThrownBy(() -> registry.get("mish", "model.layers[1].activation"))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[1].activation: activation 'mish' is no longer available: its provider Mish"
                        + " left with bundle org.example.mish 1.0.0");
        registry.register(mish);
        assertThat(registry.get("mish", "x")).isSameAs(mish);
    }
}
