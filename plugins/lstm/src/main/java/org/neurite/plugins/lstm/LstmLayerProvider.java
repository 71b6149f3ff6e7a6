package org.neurite.plugins.lstm;

import org.neurite.api.LayerProvider;
import org.neurite.api.Options;
import org.neurite.api.RecurrentCell;
import org.neurite.api.RecurrentLayerProvider;
import org.pf4j.Extension;

/**
 * {@code {type: lstm, hidden_size: 256}}: long short-term memory layers with gates
 * {@code i, f, g, o}, as PyTorch's {@code nn.LSTM(batch_first=True)}.
 */
@Extension
// LayerProvider named again: PF4J's index takes the interface a class implements itself as its extension point.
public final class LstmLayerProvider extends RecurrentLayerProvider implements LayerProvider {

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public String description() {
        return "LSTM layers (gates i, f, g, o; c' = f c + i g, h' = o tanh(c')) over [batch, time, features], stacked"
                + " and bidirectional, with PyTorch's nn.LSTM parameters.";
    }

    @Override
    protected RecurrentCell cell(Options options) {
        return RecurrentCell.LSTM;
    }
}
