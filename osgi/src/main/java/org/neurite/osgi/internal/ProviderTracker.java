package org.neurite.osgi.internal;

import org.neurite.api.ComponentProvider;
import org.neurite.engine.registry.Components;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Adds each provider service to the components when it appears and removes it when it goes
 * (its bundle stops or unregisters it), leaving a note that names the provider and its bundle
 * for anyone who later asks for it by name.
 */
final class ProviderTracker implements ServiceTrackerCustomizer<ComponentProvider, ComponentProvider> {

    private static final System.Logger LOG = System.getLogger("neurite");

    private final BundleContext context;
    private final Components components;

    ProviderTracker(BundleContext context, Components components) {
        this.context = context;
        this.components = components;
    }

    @Override
    public ComponentProvider addingService(ServiceReference<ComponentProvider> reference) {
        Object service = context.getService(reference);
        String bundle = describe(reference.getBundle());
        if (!(service instanceof ComponentProvider provider)) {
            // Registered under a provider interface from another copy of the api.
            LOG.log(System.Logger.Level.WARNING, "ignoring a provider service of bundle {0}: {1} is not a provider of the"
                    + " api this registry uses (is the api installed twice?)", bundle, service.getClass().getName());
            context.ungetService(reference);
            return null;
        }
        try {
            // Owned by the bundle: the same name from another bundle or the engine is a clash, not an error.
            components.register(provider, reference.getBundle().getSymbolicName(),
                    reference.getBundle().getVersion().toString());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a provider of bundle {0}: {1}", bundle, e.getMessage());
            context.ungetService(reference);
            return null;
        }
        return provider;
    }

    @Override
    public void modifiedService(ServiceReference<ComponentProvider> reference, ComponentProvider provider) {
    }

    @Override
    public void removedService(ServiceReference<ComponentProvider> reference, ComponentProvider provider) {
        Bundle bundle = reference.getBundle();
        String how = bundle == null || bundle.getState() == Bundle.STOPPING ? "stopped" : "withdrew it";
        components.unregister(provider, "its provider " + provider.getClass().getName() + " left with bundle "
                + describe(bundle) + " (" + how + ")");
        context.ungetService(reference);
    }

    static String describe(Bundle bundle) {
        return bundle == null ? "(unknown)" : bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
