package org.neurite.spark.ring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A peer's two connections in the ring: one to the next peer (it only sends there) and one from
 * the previous peer (it only receives from there). Both are non-blocking and served by one
 * selector, so that a peer sends and receives at the same time in one thread: with blocking
 * writes, every peer writing a chunk larger than the socket buffers before reading would deadlock.
 */
final class RingLink implements AutoCloseable {

    private final SocketChannel next;
    private final SocketChannel previous;
    private final String nextName;
    private final String previousName;
    private final long silenceNanos;
    private final Selector selector;
    private final SelectionKey nextKey;
    private final SelectionKey previousKey;

    RingLink(SocketChannel next, String nextName, SocketChannel previous, String previousName, Duration silence)
            throws IOException {
        this.next = next;
        this.previous = previous;
        this.nextName = nextName;
        this.previousName = previousName;
        this.silenceNanos = silence.toNanos();
        next.configureBlocking(false);
        previous.configureBlocking(false);
        this.selector = Selector.open();
        this.nextKey = next.register(selector, 0);
        this.previousKey = previous.register(selector, 0);
    }

    /** @return "peer 2 at host:port", the peer this link receives from */
    String previousName() {
        return previousName;
    }

    /**
     * Sends {@code out} (position to limit) to the next peer while filling {@code in} (position
     * to limit) from the previous one; returns when both are done.
     *
     * @throws RingException if a peer closes its connection, stays silent longer than the
     *     silence timeout, or the thread is interrupted (Spark ends the other tasks of a barrier
     *     stage that way when one fails)
     */
    void exchange(ByteBuffer out, ByteBuffer in) {
        try {
            long quietSince = System.nanoTime();
            while (out.hasRemaining() || in.hasRemaining()) {
                boolean moved = false;
                if (out.hasRemaining()) {
                    moved |= next.write(out) > 0;
                }
                if (in.hasRemaining()) {
                    int read = previous.read(in);
                    if (read < 0) {
                        throw new RingException("ring " + previousName + " closed its connection");
                    }
                    moved |= read > 0;
                }
                if (moved) {
                    quietSince = System.nanoTime();
                    continue;
                }
                long left = silenceNanos - (System.nanoTime() - quietSince);
                if (left <= 0) {
                    throw new RingException("ring " + (in.hasRemaining() ? previousName + " sent nothing"
                            : nextName + " took nothing") + " for " + seconds(silenceNanos));
                }
                nextKey.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : 0);
                previousKey.interestOps(in.hasRemaining() ? SelectionKey.OP_READ : 0);
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                if (Thread.interrupted()) {
                    throw new RingException("ring exchange with " + previousName + " and " + nextName + " interrupted");
                }
            }
        } catch (IOException e) {
            throw new RingException("ring exchange with " + previousName + " and " + nextName + " failed: " + e, e);
        }
    }

    static String seconds(long nanos) {
        return Duration.ofNanos(nanos).toMillis() / 1000.0 + " s";
    }

    static String name(int rank, InetSocketAddress address) {
        return "peer " + rank + " at " + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() throws IOException {
        try (selector; next; previous) {
            // closes all three, the first failure reported
        }
    }
}
