package org.neurite.plugins.lstm;

import org.neurite.engine.recurrent.RecurrentProviderCheck;

/** The lstm layer type as the plugin ships it, against PyTorch's reference runs. */
class LstmLayerProviderTest extends RecurrentProviderCheck {

    LstmLayerProviderTest() {
        super(new LstmLayerProvider(), "lstm-");
    }
}
