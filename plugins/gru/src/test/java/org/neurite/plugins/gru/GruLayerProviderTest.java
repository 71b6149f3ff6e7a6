package org.neurite.plugins.gru;

import org.neurite.engine.recurrent.RecurrentProviderCheck;

/** The gru layer type as the plugin ships it, against PyTorch's reference runs. */
class GruLayerProviderTest extends RecurrentProviderCheck {

    GruLayerProviderTest() {
        super(new GruLayerProvider(), "gru-");
    }
}
