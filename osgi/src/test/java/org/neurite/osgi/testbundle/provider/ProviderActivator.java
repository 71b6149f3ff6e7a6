package org.neurite.osgi.testbundle.provider;

import org.neurite.api.LayerProvider;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the {@code scale} layer type as a whiteboard service; stopping the bundle withdraws it. */
public final class ProviderActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(LayerProvider.class, new ScaleProvider(), null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
