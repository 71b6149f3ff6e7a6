package org.neurite.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * PyTorch's default initial values, by the module whose defaults they are, so a plugin's layer
 * starts where the same PyTorch layer starts (drawing as the engine's {@code uniform} and
 * {@code normal} initializers draw):
 * <ul>
 * <li>{@link #LINEAR}: {@code nn.Linear} and {@code nn.Conv*d}, weight and bias:
 *     U(-1/sqrt(fan), 1/sqrt(fan)) with the weight's fan-in;</li>
 * <li>{@link #RECURRENT}: {@code nn.RNN}, {@code nn.LSTM}, {@code nn.GRU}, every weight and bias:
 *     U(-1/sqrt(fan), 1/sqrt(fan)) with fan the hidden size;</li>
 * <li>{@link #EMBEDDING}: {@code nn.Embedding}: N(0, 1), fan unused.</li>
 * </ul>
 * Norm layers start at {@link #constant ones and zeros}.
 */
public enum PyTorchInit {
    /** nn.Linear and convolutions. */
    LINEAR,
    /** Recurrent layers. */
    RECURRENT,
    /** nn.Embedding. */
    EMBEDDING;

    /**
     * @param fan the fan-in of the weight (LINEAR) or the hidden size (RECURRENT); ignored by EMBEDDING
     * @return the initializer
     */
    public Initializer initializer(int fan) {
        if (this == EMBEDDING) {
            return of("normal", (v, r) -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian();
                }
            });
        }
        if (fan < 1) {
            throw new IllegalArgumentException(name().toLowerCase(Locale.ROOT) + " initializer: fan must be >= 1, got "
                    + fan);
        }
        double bound = 1 / Math.sqrt(fan);
        return of("uniform", (v, r) -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (-bound + 2 * bound * r.nextDouble());
            }
        });
    }

    /**
     * @param module the module's name as configs write it: {@code linear}, {@code recurrent} or {@code embedding}
     * @return the defaults of that module
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static PyTorchInit named(String module) {
        for (PyTorchInit init : values()) {
            if (init.name().equalsIgnoreCase(module)) {
                return init;
            }
        }
        throw new IllegalArgumentException("no PyTorch default named '" + module + "'; known: "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * @param value the value of every element
     * @return an initializer filling that value (ones and zeros of norm layers, constants)
     */
    public static Initializer constant(float value) {
        return of("constant", (v, r) -> Arrays.fill(v, value));
    }

    private interface Fill {
        void fill(float[] values, RandomGenerator random);
    }

    private static Initializer of(String name, Fill fill) {
        return new Initializer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void initialize(float[] values, Shape shape, RandomGenerator random) {
                fill.fill(values, random);
            }
        };
    }
}
