package org.neurite.testkit;

import java.util.List;

import org.neurite.api.ComponentProvider;
import org.neurite.engine.registry.ComponentRegistry;
import org.neurite.engine.registry.Components;

/**
 * The components a contract builds with: the engine's built-ins plus the providers under test,
 * registered as a plugin's would be. A provider whose name is also built in is preferred for
 * that name, so the test always builds the plugin's component.
 */
final class KitComponents {

    /** The owner the providers under test are registered under. */
    static final String OWNER = "plugin_under_test";

    private KitComponents() {
    }

    static Components of(List<? extends ComponentProvider> providers) {
        Components components = Components.builtIns();
        for (ComponentProvider provider : providers) {
            if (builtIn(components, provider)) {
                continue;
            }
            components.register(provider, OWNER, "test");
            components.prefer(provider, OWNER);
        }
        return components;
    }

    private static boolean builtIn(Components components, ComponentProvider provider) {
        return List.of(components.layers(), components.activations(), components.losses(), components.optimizers(),
                components.initializers()).stream()
                .flatMap(r -> ((ComponentRegistry<?>) r).entries(provider.name()).stream())
                .anyMatch(e -> e.provider().getClass() == provider.getClass());
    }
}
