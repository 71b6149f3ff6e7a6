package org.neurite.engine.train;

import java.util.List;

/**
 * A measure of every epoch that something watches for improvement: early stopping, the
 * {@code reduce_on_plateau} schedule, the checkpoint of the best epoch.
 */
public enum Monitor {
    /** The validation loss; lower is better. */
    VAL_LOSS("val_loss", false),
    /** The validation accuracy; higher is better. */
    VAL_ACCURACY("val_accuracy", true),
    /** The training loss; lower is better. */
    LOSS("loss", false);

    private final String key;
    private final boolean higherIsBetter;

    Monitor(String key, boolean higherIsBetter) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
    }

    /** @return the name configs use, such as {@code val_loss} */
    public String key() {
        return key;
    }

    /** @return whether a higher value is an improvement (accuracy), not a lower one (losses) */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** @return every name, for messages and choices */
    public static List<String> keys() {
        return List.of(VAL_LOSS.key, VAL_ACCURACY.key, LOSS.key);
    }

    /**
     * @param key a name from {@link #keys()}
     * @return the monitor of that name
     * @throws IllegalArgumentException naming the known names otherwise
     */
    public static Monitor of(String key) {
        for (Monitor m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown monitor '" + key + "'; known: " + String.join(", ", keys()));
    }

    /**
     * @param r an epoch's result
     * @return the measure in it, NaN if the epoch did not take it
     */
    public double value(EpochResult r) {
        return switch (this) {
            case VAL_LOSS -> r.validationLoss();
            case VAL_ACCURACY -> r.validationAccuracy();
            case LOSS -> r.loss();
        };
    }

    /**
     * @param r an epoch's result
     * @param watcher what watches it, for the message, such as {@code early stopping}
     * @return the measure in it
     * @throws IllegalStateException if the epoch did not take it (no validation data)
     */
    public double measured(EpochResult r, String watcher) {
        double value = value(r);
        if (Double.isNaN(value)) {
            throw new IllegalStateException(watcher + " monitors " + key + ", which epoch " + r.epoch()
                    + " did not measure" + (r.hasValidation() ? "" : ": there is no validation data"));
        }
        return value;
    }
}
