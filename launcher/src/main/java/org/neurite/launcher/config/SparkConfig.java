package org.neurite.launcher.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checked {@code spark} section of a run config: how {@code neurite train CONFIG --spark MASTER}
 * trains. Its flags ({@code --spark-mode}, {@code --spark-k}, {@code --spark-partitions},
 * {@code --micro-batch}, {@code --spark-data}) override it; without {@code --spark} it is not used.
 *
 * @param mode the training mode
 * @param k local SGD's steps between two averagings, at least 1
 * @param partitions tasks per step (synchronous) or barrier tasks (the other modes), at least 1
 * @param microBatch samples per micro-batch of the synchronous mode, at least 1
 * @param data where the training data is read
 */
public record SparkConfig(Mode mode, int k, int partitions, int microBatch, DataFrom data) {

    /** The steps between averagings unless given. */
    public static final int DEFAULT_K = 8;
    /** The tasks unless given. */
    public static final int DEFAULT_PARTITIONS = 2;
    /** The micro-batch size unless given. */
    public static final int DEFAULT_MICRO_BATCH = 32;
    /** The modes, as a config names them. */
    public static final List<String> MODES = names(Mode.values());
    /** Where data can come from, as a config names it. */
    public static final List<String> DATA_FROM = names(DataFrom.values());

    /** A config without a {@code spark} section: every default. */
    public static final SparkConfig DEFAULTS = new SparkConfig(Mode.SYNC, DEFAULT_K, DEFAULT_PARTITIONS,
            DEFAULT_MICRO_BATCH, DataFrom.DRIVER);

    /** How the workers train together. */
    public enum Mode {
        /** A Spark job per step; the driver sums the micro-batches' gradients in order and steps. */
        SYNC,
        /** Barrier tasks sum every step's gradients over a TCP ring. */
        ALL_REDUCE,
        /** Barrier tasks train apart and average their parameters every k steps. */
        LOCAL_SGD;

        /** @return the name a config gives it, such as {@code all_reduce} */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return whether barrier tasks train (all_reduce, local_sgd) rather than a job per step */
        public boolean barrier() {
            return this != SYNC;
        }

        /**
         * @param key a name as a config gives it
         * @return the mode
         */
        public static Mode of(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    /** Where the training data is read. */
    public enum DataFrom {
        /** Read on the driver and sent to the executors as bytes. */
        DRIVER,
        /** Read by every executor from the config's data section. */
        EXECUTORS;

        /** @return the name a config gives it */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param key a name as a config gives it
         * @return the choice
         */
        public static DataFrom of(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * A setting the mode would not use, which is refused rather than silently ignored.
     *
     * @param mode the mode
     * @param kGiven whether {@code k} was given
     * @param microBatchGiven whether {@code micro_batch} was given
     * @param data where the data is read
     * @return the key and why the mode does not use it, or {@code null} if every setting is used
     */
    public static Map.Entry<String, String> unused(Mode mode, boolean kGiven, boolean microBatchGiven, DataFrom data) {
        if (kGiven && mode != Mode.LOCAL_SGD) {
            return Map.entry("k", "only local_sgd averages every k steps, but the mode is " + mode.key());
        }
        if (microBatchGiven && mode != Mode.SYNC) {
            return Map.entry("micro_batch", "only sync splits steps into micro-batches; " + mode.key()
                    + " shares each batch between its partitions");
        }
        if (data == DataFrom.EXECUTORS && mode == Mode.SYNC) {
            return Map.entry("data", "the executors read the data themselves in all_reduce and local_sgd; sync sends"
                    + " it from the driver");
        }
        return null;
    }

    /** @return the section as a run log says it, such as {@code local_sgd, k 8, 2 partitions} */
    public String describe() {
        return mode.key() + (mode == Mode.LOCAL_SGD ? ", k " + k : "") + ", " + partitions + " partitions"
                + (mode == Mode.SYNC ? ", micro-batches of " + microBatch : "") + ", data from the " + data.key();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }
}
