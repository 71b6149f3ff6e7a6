package org.neurite.bench;

import java.io.IOException;
import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

/**
 * The model of {@code examples/transformer/shakespeare-gpt.yaml} as the GPT benches build it: 4
 * pre-norm blocks of 4 heads, width 128, context 64, vocabulary 65, no biases, tied head; seed 0.
 */
final class ShakespeareGpt {

    /** Tokens the model sees at once. */
    static final int CONTEXT = 64;
    /** Distinct characters of the corpus. */
    static final int VOCABULARY = 65;

    private ShakespeareGpt() {
    }

    /**
     * @return the built-in components and those of the plugins on the class path (the transformer's)
     * @throws IOException if the plugins' extension index cannot be read
     */
    static Components components() throws IOException {
        return Components.builtIns().registerAll(FashionCnnRun.pluginProviders());
    }

    /**
     * @param components where {@code causal_lm} comes from
     * @return the untrained model
     */
    static Sequential model(Components components) {
        return Sequential.builder(Shape.of(CONTEXT)).seed(0).components(components)
                .add("causal_lm", Map.of("vocabulary", VOCABULARY, "context", CONTEXT, "width", 128, "layers", 4,
                        "heads", 4, "bias", false))
                .build();
    }
}
