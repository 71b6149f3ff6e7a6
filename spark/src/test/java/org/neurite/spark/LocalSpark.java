package org.neurite.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The {@code local[2,2]} Spark context the tests of this module share (a context takes seconds to
 * start): two task slots, a failed task retried once (as a lost task is on a cluster), no web UI,
 * bound to the loopback address, its events logged as JSON under {@code target/spark-events}.
 * Spark stops it when the JVM exits.
 */
public final class LocalSpark {

    /** Where the shared context logs its events. */
    public static final Path EVENTS = Path.of("target/spark-events").toAbsolutePath();

    private static JavaSparkContext shared;

    private LocalSpark() {
    }

    /** @return the shared context, started on first use */
    public static synchronized JavaSparkContext shared() {
        if (shared == null || shared.sc().isStopped()) {
            try {
                Files.createDirectories(EVENTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SparkConf conf = new SparkConf().setMaster("local[2,2]").setAppName("neurite-spark-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.eventLog.enabled", "true")
                    .set("spark.eventLog.dir", EVENTS.toUri().toString())
                    .set("spark.eventLog.compress", "false");
            shared = new JavaSparkContext(conf);
        }
        return shared;
    }

    /**
     * Starts a {@code local-cluster[2,1,1024]} context in place of the shared one: a standalone
     * master, a worker and two executor JVMs of one core each, which needs a Spark installation
     * ({@code SPARK_HOME}, Spark 4.2) for its launcher ({@code spark/local-cluster.sh} makes a
     * stand-in from Maven's Spark jars where there is none). The executors get this JVM's class
     * path (Neurite, its tests and Spark's jars). The caller stops it.
     *
     * @param appName the application's name in Spark's logs
     * @return the new context
     */
    public static synchronized JavaSparkContext localCluster(String appName) {
        stop(); // one context per JVM: the shared one gives way, and starts again when next asked for
        return new JavaSparkContext(new SparkConf().setMaster("local-cluster[2,1,1024]")
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector"));
    }

    /**
     * Stops the shared context, for a test that starts a context of its own (Spark allows one per
     * JVM); the next {@link #shared()} starts a new one.
     */
    public static synchronized void stop() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }
}
