package org.neurite.launcher.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import org.neurite.api.Backend;
import org.neurite.engine.CpuBackend;

/**
 * What the launcher was started with and the services commands and plugin extensions use:
 * the launch settings, the output writers and the tensor backend.
 */
public final class ServicesModule extends AbstractModule {

    private final LaunchSettings settings;
    private final CommandOutput output;

    /**
     * @param settings the launch settings
     * @param output where commands write
     */
    public ServicesModule(LaunchSettings settings, CommandOutput output) {
        this.settings = settings;
        this.output = output;
    }

    @Override
    protected void configure() {
        bind(LaunchSettings.class).toInstance(settings);
        bind(CommandOutput.class).toInstance(output);
    }

    /** @return the engine's CPU backend, created on first use */
    @Provides
    Backend backend() {
        return CpuBackend.instance();
    }
}
