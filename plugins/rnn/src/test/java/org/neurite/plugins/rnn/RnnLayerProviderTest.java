package org.neurite.plugins.rnn;

import org.neurite.engine.recurrent.RecurrentProviderCheck;

/** The rnn layer type as the plugin ships it, against PyTorch's reference runs. */
class RnnLayerProviderTest extends RecurrentProviderCheck {

    RnnLayerProviderTest() {
        super(new RnnLayerProvider(), "rnn_");
    }
}
