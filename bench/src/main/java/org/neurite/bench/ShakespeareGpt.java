package org.neurite.bench;

import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.GradientClipper;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.optim.Adam;
import org.neurite.engine.optim.clip.GlobalNormClipper;
import org.neurite.engine.optim.schedule.WarmupCosine;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.CpuTensor;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * The model of {@code examples/transformer/shakespeare-gpt.yaml} as the GPT benches build it: 4
 * pre-norm blocks of 4 heads, width 128, context 64, vocabulary 65, no biases, tied head; seed 0.
 */
final class ShakespeareGpt {

    /** Tokens the model sees at once. */
    static final int CONTEXT = 64;
    /** Distinct characters of the corpus. */
    static final int VOCABULARY = 65;
    /** Windows per training step. */
    static final int BATCH = 12;

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

    /** @return the example's optimizer: AdamW, betas 0.9/0.99, decay 0.1 on the matrices */
    static Adam adamW() {
        return Adam.adamW(new Adam.Settings(1e-3, 0.9, 0.99, 1e-8, 0.1, false, true));
    }

    /** @return the example's clipping: global norm 1 */
    static GradientClipper clipper() {
        return new GlobalNormClipper(1.0);
    }

    /**
     * A trainer of one epoch over {@code steps} batches of random windows, with the example's
     * recipe (loss, warm-up cosine schedule) and the given optimizer and clipping.
     *
     * @param model the model
     * @param components where the loss comes from
     * @param optimizer the optimizer (the example's, or one wrapping it)
     * @param clipper the clipping (the example's, or one wrapping it)
     * @param listener a listener of the steps
     * @param seed the trainer's seed
     * @return the trainer
     */
    static Trainer trainer(Sequential model, Components components, Optimizer optimizer, GradientClipper clipper,
            TrainingListener listener, long seed) {
        return Trainer.builder(model, components.loss("cross_entropy", Options.empty()), optimizer)
                .epochs(1).batchSize(BATCH).seed(seed).clipping(clipper)
                .schedule(new WarmupCosine(1e-3, 100, 2000, 1e-4))
                .listener(listener)
                .build();
    }

    /**
     * Random token windows and random next tokens, {@code steps} batches of them.
     *
     * @param random where the tokens come from
     * @param steps the batches
     * @return the windows {@code [steps * BATCH, CONTEXT]} and the targets of the same shape
     */
    static CpuTensor[] randomWindows(SplittableRandom random, int steps) {
        int n = steps * BATCH;
        float[] ids = new float[n * CONTEXT];
        float[] next = new float[n * CONTEXT];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < CONTEXT; t++) {
                ids[i * CONTEXT + t] = random.nextInt(VOCABULARY);
                next[i * CONTEXT + t] = random.nextInt(VOCABULARY);
            }
        }
        return new CpuTensor[] {CpuTensor.wrap(ids, Shape.of(n, CONTEXT)), CpuTensor.wrap(next, Shape.of(n, CONTEXT))};
    }
}
