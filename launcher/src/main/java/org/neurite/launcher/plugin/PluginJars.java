package org.neurite.launcher.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.pf4j.JarPluginRepository;

/**
 * The plugin jars of the plugin folders: jars whose manifest names a {@code Plugin-Id}. Other
 * jars (a build's own {@code target/*.jar} when {@code --plugins-dir} names a build folder) are
 * not plugins and are passed over.
 */
final class PluginJars extends JarPluginRepository {

    PluginJars(List<Path> roots) {
        super(roots);
    }

    @Override
    public List<Path> getPluginPaths() {
        return super.getPluginPaths().stream().filter(PluginJars::describesAPlugin).toList();
    }

    private static boolean describesAPlugin(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Plugin-Id") != null;
        } catch (IOException e) {
            return true; // let PF4J try it and report why it cannot be loaded
        }
    }
}
