package org.neurite.plugins.rnn;

import java.util.List;

import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.RecurrentCell;
import org.neurite.api.RecurrentLayerProvider;
import org.pf4j.Extension;

/**
 * {@code {type: rnn, hidden_size: 128}}: Elman recurrent layers, {@code h' = tanh(x W_ih^T + b_ih
 * + h W_hh^T + b_hh)} (or ReLU), as PyTorch's {@code nn.RNN(batch_first=True)}.
 */
@Extension
// LayerProvider named again: PF4J's index takes the interface a class implements itself as its extension point.
public final class RnnLayerProvider extends RecurrentLayerProvider implements LayerProvider {

    private static final List<OptionSpec> OPTIONS = withCommon(List.of(
            OptionSpec.optional("nonlinearity", OptionType.STRING, "tanh", "The activation of the cell: tanh or relu.")
                    .oneOf("tanh", "relu")));

    @Override
    public String name() {
        return "rnn";
    }

    @Override
    public String description() {
        return "Elman recurrent layers h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu) over [batch, time, features],"
                + " stacked and bidirectional, with PyTorch's nn.RNN parameters.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    protected RecurrentCell cell(Options options) {
        String nonlinearity = options.getString("nonlinearity", "tanh");
        return switch (nonlinearity) {
            case "tanh" -> RecurrentCell.RNN_TANH;
            case "relu" -> RecurrentCell.RNN_RELU;
            default -> throw new OptionException(options.pathOf("nonlinearity"), "must be tanh or relu, got \""
                    + nonlinearity + "\"");
        };
    }
}
