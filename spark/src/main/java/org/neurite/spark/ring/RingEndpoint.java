package org.neurite.spark.ring;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a peer of a ring listens, opened before the peers swap their addresses (in Spark through
 * one {@code BarrierTaskContext.allGather}), so that every address a peer learns already accepts
 * connections.
 *
 * <pre>{@code
 * try (RingEndpoint endpoint = RingEndpoint.open("10.0.0.5")) {
 *     List<String> addresses = swap(endpoint.address());          // the same list on every peer
 *     try (RingAllReduce ring = endpoint.join(runId, rank, addresses, Duration.ofSeconds(30), Duration.ofMinutes(10))) {
 *         ring.sum(gradients);
 *     }
 * }
 * }</pre>
 */
public final class RingEndpoint implements AutoCloseable {

    /** "NRNG": the first bytes of a connection, so that a stray connection is told apart. */
    private static final int MAGIC = 0x4E524E47;
    private static final int HELLO_BYTES = 4 + 8 + 4 + 4;
    private static final long RETRY_MILLIS = 20;

    private final ServerSocketChannel server;
    private final String host;

    private RingEndpoint(ServerSocketChannel server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Listens on a free port of every interface.
     *
     * @param host the host name or address the other peers reach this one by
     * @return the endpoint
     * @throws RingException if no port can be opened
     */
    public static RingEndpoint open(String host) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(0));
            return new RingEndpoint(server, host);
        } catch (IOException e) {
            throw new RingException("ring: cannot listen on a port of " + host + ": " + e, e);
        }
    }

    /** @return {@code host:port}, to hand to the other peers */
    public String address() {
        return host + ":" + server.socket().getLocalPort();
    }

    /**
     * Connects this peer to the next one in the ring and accepts the previous one.
     *
     * @param ringId the same number on every peer of this ring and a new one for every ring (a
     *     connection left over from an earlier ring, say a failed attempt, is refused)
     * @param rank this peer's place in the ring, from 0
     * @param addresses every peer's {@link #address()}, by rank, the same list on every peer
     * @param connectTimeout how long to wait for the next peer to accept and the previous one to connect
     * @param silenceTimeout how long a peer may stay silent during a sum (longer than the slowest
     *     peer's compute between two sums)
     * @return the connected ring
     * @throws RingException if a peer does not accept or connect in time, naming its rank and address
     */
    public RingAllReduce join(long ringId, int rank, List<String> addresses, Duration connectTimeout,
            Duration silenceTimeout) {
        int size = addresses.size();
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("ring: rank " + rank + " outside a ring of " + size + " peers");
        }
        if (size == 1) {
            return new RingAllReduce(0, 1, null);
        }
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String address : addresses) {
            peers.add(parse(address));
        }
        int nextRank = (rank + 1) % size;
        int previousRank = (rank - 1 + size) % size;
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        SocketChannel next = connect(peers.get(nextRank), RingLink.name(nextRank, peers.get(nextRank)), deadline,
                connectTimeout);
        try {
            write(next, hello(ringId, rank, size));
            String previousName = RingLink.name(previousRank, peers.get(previousRank));
            SocketChannel previous = accept(ringId, previousRank, size, previousName, deadline, connectTimeout);
            return new RingAllReduce(rank, size, new RingLink(next, RingLink.name(nextRank, peers.get(nextRank)),
                    previous, previousName, silenceTimeout));
        } catch (IOException | RuntimeException e) {
            closeQuietly(next);
            if (e instanceof RingException ring) {
                throw ring;
            }
            throw new RingException("ring: peer " + rank + " could not join: " + e, e);
        }
    }

    private static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        try {
            return InetSocketAddress.createUnresolved(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ring: a peer address must be host:port, got '" + address + "'");
        }
    }

    /** Connects, retrying while the peer refuses, until the deadline. */
    private static SocketChannel connect(InetSocketAddress peer, String name, long deadline, Duration timeout) {
        IOException last = null;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new RingException("ring " + name + " did not accept a connection within "
                        + RingLink.seconds(timeout.toNanos()) + (last == null ? "" : " (" + last.getMessage() + ")"), last);
            }
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.socket().setTcpNoDelay(true);
                channel.socket().connect(new InetSocketAddress(peer.getHostString(), peer.getPort()),
                        (int) Math.max(1, left / 1_000_000));
                return channel;
            } catch (ConnectException | SocketTimeoutException e) {
                last = e;
                closeQuietly(channel);
                sleep(RETRY_MILLIS);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new RingException("ring: cannot connect to " + name + ": " + e, e);
            }
        }
    }

    /** Accepts connections until the previous peer of this ring says hello, or the deadline passes. */
    private SocketChannel accept(long ringId, int previousRank, int size, String name, long deadline, Duration timeout)
            throws IOException {
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RingException("ring " + name + " did not connect within "
                            + RingLink.seconds(timeout.toNanos()));
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                if (Thread.interrupted()) {
                    throw new RingException("ring: waiting for " + name + " interrupted");
                }
                SocketChannel channel = server.accept();
                if (channel == null) {
                    continue;
                }
                channel.socket().setTcpNoDelay(true);
                ByteBuffer hello = readHello(channel, deadline);
                if (hello != null && hello.getInt() == MAGIC && hello.getLong() == ringId) {
                    int rank = hello.getInt();
                    int theirSize = hello.getInt();
                    if (rank != previousRank || theirSize != size) {
                        closeQuietly(channel);
                        throw new RingException("ring: expected " + name + " in a ring of " + size
                                + " peers, but peer " + rank + " of a ring of " + theirSize + " connected");
                    }
                    return channel;
                }
                // not of this ring (a connection left from an earlier attempt, a port scanner): ignore it
                closeQuietly(channel);
            }
        }
    }

    /** @return the hello, or null if the connection closed or stayed silent until the deadline */
    private static ByteBuffer readHello(SocketChannel channel, long deadline) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer hello = ByteBuffer.allocate(HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (hello.hasRemaining()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || channel.read(hello) < 0) {
                    return null;
                }
                if (hello.hasRemaining()) {
                    selector.select(Math.max(1, left / 1_000_000));
                    selector.selectedKeys().clear();
                }
            }
            channel.keyFor(selector).cancel();
            selector.selectNow();
        }
        return hello.flip();
    }

    private static ByteBuffer hello(long ringId, int rank, int size) {
        return ByteBuffer.allocate(HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC).putLong(ringId).putInt(rank).putInt(size).flip();
    }

    private static void write(SocketChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RingException("ring: connecting interrupted");
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    /** Stops listening; a joined ring keeps its connections. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing listens any more either way
        }
    }
}
