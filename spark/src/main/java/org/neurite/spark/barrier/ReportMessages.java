package org.neurite.spark.barrier;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * The messages worker 0 sends the driver ({@link BarrierReports}), each a tag byte and its
 * fields as {@link java.io.DataOutputStream} writes them.
 */
final class ReportMessages {

    /** The attempt of the barrier stage: an int. First on every connection. */
    static final byte HELLO = 1;
    /** An epoch starts: its number. */
    static final byte EPOCH_START = 2;
    /** A step ended: epoch int, step long, loss double. */
    static final byte STEP = 3;
    /** An epoch ended: its {@link EpochFigures}, an int and six doubles. */
    static final byte EPOCH_END = 4;
    /** A checkpoint file was written: its path (UTF) and its bytes (length int, bytes). */
    static final byte FILE = 5;
    /** A checkpoint file was deleted: its path. */
    static final byte DELETED = 6;
    /** Training ended; nothing follows. */
    static final byte DONE = 7;

    private ReportMessages() {
    }

    static EpochFigures readFigures(DataInputStream in) throws IOException {
        return new EpochFigures(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble());
    }
}
