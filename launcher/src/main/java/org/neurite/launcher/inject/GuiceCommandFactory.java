package org.neurite.launcher.inject;

import com.google.inject.Injector;
import jakarta.inject.Inject;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Picocli's factory backed by the launcher's injector: every {@code @Command} class is created
 * by Guice, so commands declare what they need in an {@code @Inject} constructor. Everything
 * else picocli creates (collections, converters) comes from picocli's own factory.
 */
public final class GuiceCommandFactory implements CommandLine.IFactory {

    private final Injector injector;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    /** @param injector the launcher's injector */
    @Inject
    public GuiceCommandFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.isAnnotationPresent(Command.class)) {
            return injector.getInstance(type);
        }
        return fallback.create(type);
    }
}
