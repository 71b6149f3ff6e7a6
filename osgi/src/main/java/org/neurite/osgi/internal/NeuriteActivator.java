package org.neurite.osgi.internal;

import java.util.Hashtable;

import org.neurite.api.ComponentProvider;
import org.neurite.api.NeuriteApi;
import org.neurite.engine.registry.Components;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts the registry: the engine's built-in components plus every provider service of the
 * tracked kinds, published as a {@link Components} service with the property
 * {@code neurite.api.version}.
 */
public final class NeuriteActivator implements BundleActivator {

    /** The service property holding the api's version. */
    public static final String API_VERSION_PROPERTY = "neurite.api.version";

    private ServiceTracker<ComponentProvider, ComponentProvider> tracker;
    private ServiceRegistration<Components> registration;

    @Override
    public void start(BundleContext context) throws Exception {
        Components components = Components.builtIns();
        tracker = new ServiceTracker<>(context, context.createFilter(ProviderKinds.filter()),
                new ProviderTracker(context, components));
        tracker.open(true);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(API_VERSION_PROPERTY, NeuriteApi.VERSION);
        registration = context.registerService(Components.class, components, properties);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        tracker.close();
    }
}
