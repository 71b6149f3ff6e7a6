package org.neurite.launcher.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.neurite.engine.registry.Components;

/**
 * Writes the config reference of the built-in components to a file; the build runs it to write
 * {@code target/docs/config.md}, which a test compares with the repository's {@code docs/config.md}.
 */
public final class ConfigReferenceFile {

    private ConfigReferenceFile() {
    }

    /**
     * @param args the file to write
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ConfigReferenceFile FILE");
        }
        Path file = Path.of(args[0]);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, ConfigReference.markdown(Components.builtIns()), StandardCharsets.UTF_8);
    }
}
