package org.neurite.osgi.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.neurite.api.ComponentProvider;
import org.neurite.engine.registry.Components;

/**
 * The provider interfaces tracked as services: every kind the engine's {@link Components}
 * holds, so a new kind of provider in the api needs nothing here.
 */
final class ProviderKinds {

    static final List<Class<? extends ComponentProvider>> TRACKED = Components.empty().providerTypes();

    private ProviderKinds() {
    }

    /** @return an LDAP filter matching a service registered under any tracked interface */
    static String filter() {
        return TRACKED.stream().map(k -> "(objectClass=" + k.getName() + ")")
                .collect(Collectors.joining("", "(|", ")"));
    }
}
