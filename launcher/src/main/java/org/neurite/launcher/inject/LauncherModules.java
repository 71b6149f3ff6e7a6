package org.neurite.launcher.inject;

import java.util.List;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;

/**
 * Every module of the launcher's object graph, in one place. Concrete classes with an
 * {@code @Inject} constructor (commands, config readers, trainers) need no module at all:
 * Guice creates them on demand.
 */
public final class LauncherModules {

    private LauncherModules() {
    }

    /**
     * @param settings the launch settings
     * @param output where commands write
     * @return the launcher's modules
     */
    public static List<Module> all(LaunchSettings settings, CommandOutput output) {
        return List.of(new ServicesModule(settings, output), new PluginModule(), new ComponentsModule());
    }

    /**
     * Creates the injector. The development stage creates singletons when first asked for, so a
     * command pays only for what it uses.
     *
     * @param modules the modules
     * @return the injector
     */
    public static Injector injector(Iterable<? extends Module> modules) {
        return Guice.createInjector(Stage.DEVELOPMENT, modules);
    }
}
