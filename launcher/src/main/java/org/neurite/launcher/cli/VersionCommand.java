package org.neurite.launcher.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.neurite.api.NeuriteApi;
import org.neurite.launcher.inject.CommandOutput;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code neurite version} (and {@code neurite --version}): the versions of Neurite, its api and
 * Java, and which matrix kernel the engine will use. Loads no plugin and no engine class, so it
 * answers at once.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Shows the versions of Neurite, its plugin api and Java, and which kernels the engine uses.")
public final class VersionCommand implements Callable<Integer>, CommandLine.IVersionProvider {

    /** Written into the launcher's jar by Maven. */
    private static final String POM_PROPERTIES = "/META-INF/maven/org.neurite/neurite-launcher/pom.properties";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String KERNELS_PROPERTY = "neurite.kernels";

    private final CommandOutput output;

    /** @param output where the versions go */
    @Inject
    public VersionCommand(CommandOutput output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        lines().forEach(output.out()::println);
        output.out().flush();
        return ExitCodes.OK;
    }

    @Override
    public String[] getVersion() {
        return lines().toArray(String[]::new);
    }

    private static List<String> lines() {
        Runtime.Version java = Runtime.version();
        return List.of(
                "neurite " + neuriteVersion(),
                "api     " + NeuriteApi.VERSION,
                "java    " + java + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ")",
                "kernels " + kernels() + "; " + Runtime.getRuntime().availableProcessors() + " processors");
    }

    /** @return the launcher's version as Maven wrote it into the jar, or a note when run from classes */
    static String neuriteVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "development build (not from a jar)";
    }

    /**
     * The same decision the engine makes on first use, from the same inputs, without starting
     * the Vector API (which would cost more than the rest of this command).
     */
    private static String kernels() {
        String forced = System.getProperty(KERNELS_PROPERTY, "auto").trim();
        boolean present = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        if (forced.equals("scalar")) {
            return "plain Java (" + KERNELS_PROPERTY + "=scalar)";
        }
        if (!present) {
            return "plain Java (module " + VECTOR_MODULE + " absent)";
        }
        return "Vector API (module " + VECTOR_MODULE + " present; plain Java where vectors hold fewer than 8 floats)";
    }
}
