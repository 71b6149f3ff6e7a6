package org.neurite.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the Spark context of a Neurite run: executors get the Vector API module the engine's
 * fast kernels use, and a standalone master that cannot be reached is one line at once, where
 * Spark itself would retry for a minute before giving up.
 */
public final class SparkContexts {

    /** The master that means: the one {@code spark-submit --master} set. */
    public static final String SUBMIT = "submit";

    /** How long reaching a standalone master may take. */
    private static final int CONNECT_MILLIS = 3000;

    private SparkContexts() {
    }

    /**
     * @param master the master, such as {@code local[2]} or {@code spark://host:7077}; {@value #SUBMIT}
     *     for the one {@code spark-submit} set
     * @param name the application's name
     * @return the context
     * @throws SparkTrainingException if the master is malformed or cannot be reached
     */
    public static JavaSparkContext start(String master, String name) {
        SparkConf conf = new SparkConf().setAppName(name)
                .setIfMissing("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector");
        if (master != null && !master.isEmpty() && !master.equals(SUBMIT)) {
            conf.setMaster(master);
        }
        String chosen = conf.get("spark.master", "");
        if (chosen.isEmpty()) {
            throw new SparkTrainingException("spark: no master: name one (such as local[2] or spark://host:7077),"
                    + " or run the job jar with spark-submit --master");
        }
        if (chosen.startsWith("spark://")) {
            requireReachable(chosen);
        }
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) {
            // Scala throws the checked SparkException (a master it cannot parse) without declaring it
            throw new SparkTrainingException("spark: cannot start on master " + chosen + ": " + firstLine(e), e);
        }
    }

    /** Every host:port of a standalone master URL (several for high availability) must accept a connection. */
    private static void requireReachable(String master) {
        for (String address : master.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            String host = colon < 0 ? address : address.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new SparkTrainingException("spark: the master " + master + " has no port number after " + host);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
            } catch (IOException e) {
                throw new SparkTrainingException("spark: cannot reach the master " + master + " at " + host + ":" + port
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end);
    }
}
