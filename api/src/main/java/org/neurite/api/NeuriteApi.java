package org.neurite.api;

/** Facts about this version of the api that plugins and hosts check against each other. */
public final class NeuriteApi {

    /**
     * The semantic version of the api. A plugin built for {@code 0.2.x} works with every
     * api {@code 0.2.y}; a change of the minor version before 1.0 may break plugins.
     */
    public static final String VERSION = "0.2.0";

    private NeuriteApi() {
    }
}
