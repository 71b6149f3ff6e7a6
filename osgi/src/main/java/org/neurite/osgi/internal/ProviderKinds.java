package org.neurite.osgi.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.neurite.api.ActivationProvider;
import org.neurite.api.ComponentProvider;
import org.neurite.api.InitializerProvider;
import org.neurite.api.LayerProvider;
import org.neurite.api.LossProvider;
import org.neurite.api.OptimizerProvider;

/**
 * The provider interfaces tracked as services. A new kind of provider in the api is one line
 * here (the engine's {@code Components.register} already sorts providers by kind).
 */
final class ProviderKinds {

    static final List<Class<? extends ComponentProvider>> TRACKED = List.of(
            LayerProvider.class,
            ActivationProvider.class,
            LossProvider.class,
            OptimizerProvider.class,
            InitializerProvider.class);

    private ProviderKinds() {
    }

    /** @return an LDAP filter matching a service registered under any tracked interface */
    static String filter() {
        return TRACKED.stream().map(k -> "(objectClass=" + k.getName() + ")")
                .collect(Collectors.joining("", "(|", ")"));
    }
}
