package org.neurite.plugins.cnn;

import org.neurite.api.LayerProvider;

/**
 * A layer provider's name and description, which the plugin's providers of several layer types
 * (pools, convolutions) take as constructor arguments rather than each keeping its own copies.
 */
abstract class NamedLayerProvider implements LayerProvider {

    private final String name;
    private final String description;

    /**
     * @param name the layer type, as configs write it
     * @param description one or two sentences for {@code neurite list} and the docs
     */
    NamedLayerProvider(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }
}
