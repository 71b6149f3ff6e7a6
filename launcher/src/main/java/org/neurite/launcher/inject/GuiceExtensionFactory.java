package org.neurite.launcher.inject;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import jakarta.inject.Inject;

import org.neurite.launcher.plugin.ExtensionCreationException;
import org.neurite.launcher.plugin.OneLineMessage;
import org.pf4j.ExtensionFactory;

/**
 * Creates PF4J extensions with the launcher's injector, so that a provider can take what the
 * launcher binds (the {@link org.neurite.api.Backend}, for one) through an {@code @Inject}
 * constructor. A provider with a public no-argument constructor needs nothing more.
 */
public final class GuiceExtensionFactory implements ExtensionFactory {

    private final Injector injector;

    /** @param injector the launcher's injector */
    @Inject
    public GuiceExtensionFactory(Injector injector) {
        this.injector = injector;
    }

    /**
     * @throws ExtensionCreationException if the class has no usable constructor, needs something
     *     not bound, or its constructor throws
     */
    @Override
    public <T> T create(Class<T> extensionClass) {
        try {
            return injector.getInstance(extensionClass);
        } catch (ConfigurationException e) {
            throw new ExtensionCreationException(extensionClass.getName(), firstMessage(e.getErrorMessages()), e);
        } catch (ProvisionException e) {
            Throwable cause = e.getCause();
            String problem = cause != null ? OneLineMessage.of(cause) : firstMessage(e.getErrorMessages());
            throw new ExtensionCreationException(extensionClass.getName(), problem, e);
        }
    }

    private static String firstMessage(Iterable<Message> messages) {
        for (Message m : messages) {
            // Guice's messages name the missing binding on the first line
            return m.getMessage().lines().findFirst().orElse(m.getMessage()).strip();
        }
        return "unknown problem";
    }
}
