package org.neurite.plugins.gru;

import org.neurite.api.LayerProvider;
import org.neurite.api.Options;
import org.neurite.api.RecurrentCell;
import org.neurite.api.RecurrentLayerProvider;
import org.pf4j.Extension;

/**
 * {@code {type: gru, hidden_size: 128}}: gated recurrent unit layers with gates {@code r, z, n},
 * as PyTorch's {@code nn.GRU(batch_first=True)}.
 */
@Extension
// LayerProvider named again: PF4J's index takes the interface a class implements itself as its extension point.
public final class GruLayerProvider extends RecurrentLayerProvider implements LayerProvider {

    @Override
    public String name() {
        return "gru";
    }

    @Override
    public String description() {
        return "GRU layers (gates r, z, n; h' = (1 - z) n + z h) over [batch, time, features], stacked and"
                + " bidirectional, with PyTorch's nn.GRU parameters.";
    }

    @Override
    protected RecurrentCell cell(Options options) {
        return RecurrentCell.GRU;
    }
}
