package org.neurite.spark.ring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Sums float arrays across the peers of a ring, each peer ending with the same sum: a
 * reduce-scatter then an all-gather, each of {@code size - 1} steps in which every peer sends
 * one chunk to the next peer and receives one from the previous. Every peer sends and receives
 * {@code 2 (size - 1) / size} times the array, whatever the number of peers.
 *
 * <p>The array is cut into {@code size} chunks of (nearly) equal length. Chunk {@code c} is summed
 * along the ring starting at peer {@code c}:
 * {@code ((x[c] + x[c+1]) + x[c+2]) + ... + x[c-1]} (ranks modulo {@code size}), always in that
 * order, and the all-gather copies the finished chunk to every peer. So the sum does not depend
 * on timing, and every peer holds the same bits. With two peers it is the plain sum in rank order,
 * since float addition is commutative; with more, see {@link #sumInRingOrder(float[][])}.
 *
 * <p>Not thread-safe: one thread per peer calls {@link #sum}, and every peer calls it with arrays
 * of the same length in the same sequence.
 */
public final class RingAllReduce implements AutoCloseable {

    private static final int CALL_HEADER_BYTES = 8;

    private final int rank;
    private final int size;
    private final RingLink link;
    private final ByteBuffer header = ByteBuffer.allocateDirect(CALL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer peerHeader = ByteBuffer.allocateDirect(CALL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer out = ByteBuffer.allocateDirect(0);
    private ByteBuffer in = ByteBuffer.allocateDirect(0);
    private FloatBuffer outFloats = out.asFloatBuffer();
    private FloatBuffer inFloats = in.asFloatBuffer();
    private float[] received = new float[0];
    private int calls;

    RingAllReduce(int rank, int size, RingLink link) {
        this.rank = rank;
        this.size = size;
        this.link = link;
    }

    /** @return this peer's place in the ring, from 0 */
    public int rank() {
        return rank;
    }

    /** @return the number of peers */
    public int size() {
        return size;
    }

    /**
     * Replaces {@code values} by their sum over all peers, the same bits on every peer.
     *
     * @param values this peer's values; on return, the sum
     * @throws RingException if a peer fails, stays silent or sums an array of another length
     */
    public void sum(float[] values) {
        if (size == 1) {
            return;
        }
        calls++;
        checkSameCall(values.length);
        ensureCapacity(chunkStart(1, values.length) + 1);
        for (int s = 0; s < size - 1; s++) {
            int sent = Math.floorMod(rank - s, size);
            int got = Math.floorMod(rank - s - 1, size);
            exchange(values, sent, got);
            int from = chunkStart(got, values.length);
            int length = chunkStart(got + 1, values.length) - from;
            for (int i = 0; i < length; i++) {
                values[from + i] = received[i] + values[from + i];
            }
        }
        for (int s = 0; s < size - 1; s++) {
            int sent = Math.floorMod(rank + 1 - s, size);
            int got = Math.floorMod(rank - s, size);
            exchange(values, sent, got);
            int from = chunkStart(got, values.length);
            System.arraycopy(received, 0, values, from, chunkStart(got + 1, values.length) - from);
        }
    }

    /**
     * The sum {@link #sum} computes, on one machine: for tests, and to tell a single-machine run
     * what order its sum must take to match a ring's bits.
     *
     * @param values every peer's values, by rank, all of one length
     * @return the element-wise sum, each chunk summed along the ring from its own starting peer
     */
    public static float[] sumInRingOrder(float[][] values) {
        int size = values.length;
        int length = values[0].length;
        float[] sum = new float[length];
        for (int c = 0; c < size; c++) {
            for (int i = chunkStart(c, length, size); i < chunkStart(c + 1, length, size); i++) {
                float s = values[c][i];
                for (int k = 1; k < size; k++) {
                    s = s + values[(c + k) % size][i];
                }
                sum[i] = s;
            }
        }
        return sum;
    }

    /** Sends chunk {@code sent} of the values and receives the previous peer's chunk {@code got} into {@link #received}. */
    private void exchange(float[] values, int sent, int got) {
        int sentFrom = chunkStart(sent, values.length);
        int sentLength = chunkStart(sent + 1, values.length) - sentFrom;
        int gotLength = chunkStart(got + 1, values.length) - chunkStart(got, values.length);
        outFloats.clear();
        outFloats.put(values, sentFrom, sentLength);
        out.clear().limit(sentLength * Float.BYTES);
        in.clear().limit(gotLength * Float.BYTES);
        link.exchange(out, in);
        inFloats.clear();
        inFloats.get(received, 0, gotLength);
    }

    /** Every peer tells the next one the length and number of its call, so that a mismatch fails loudly. */
    private void checkSameCall(int length) {
        header.clear();
        header.putInt(length).putInt(calls).flip();
        peerHeader.clear();
        link.exchange(header, peerHeader);
        int theirLength = peerHeader.getInt(0);
        int theirCall = peerHeader.getInt(4);
        if (theirLength != length || theirCall != calls) {
            throw new RingException("ring " + link.previousName() + " sums " + theirLength + " floats in its call "
                    + theirCall + ", but peer " + rank + " sums " + length + " in its call " + calls);
        }
    }

    private int chunkStart(int chunk, int length) {
        return chunkStart(chunk, length, size);
    }

    private static int chunkStart(int chunk, int length, int size) {
        return (int) ((long) chunk * length / size);
    }

    private void ensureCapacity(int floats) {
        if (received.length >= floats) {
            return;
        }
        out = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        in = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        outFloats = out.asFloatBuffer();
        inFloats = in.asFloatBuffer();
        received = new float[floats];
    }

    /** Closes the connections to both neighbours. */
    @Override
    public void close() {
        if (link == null) {
            return;
        }
        try {
            link.close();
        } catch (IOException e) {
            throw new RingException("ring: closing peer " + rank + "'s connections failed: " + e, e);
        }
    }
}
