package org.neurite.spark.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ring between threads of one JVM over real TCP connections on the loopback interface. */
class RingAllReduceTest {

    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration SILENCE = Duration.ofSeconds(30);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource({"2, 235146", "3, 1000", "4, 10007", "4, 3", "5, 1", "1, 17"})
    void everyPeerHoldsTheSameSumInTheRingsFixedOrder(int peers, int length) throws Exception {
        float[][] values = random(peers, length, 1);
        float[][] results = run(peers, 7, (ring, rank) -> {
            float[] mine = values[rank].clone();
            ring.sum(mine);
            return mine;
        });
        float[] expected = RingAllReduce.sumInRingOrder(values);
        for (float[] result : results) {
            assertThat(result).isEqualTo(expected);
        }
    }

    @Test
    void twoPeersSumInRankOrder() throws Exception {
        float[][] values = random(2, 1001, 2);
        float[][] results = run(2, 8, (ring, rank) -> {
            float[] mine = values[rank].clone();
            ring.sum(mine);
            return mine;
        });
        for (int i = 0; i < 1001; i++) {
            assertThat(results[0][i]).isEqualTo(values[0][i] + values[1][i]);
            assertThat(results[1][i]).isEqualTo(values[0][i] + values[1][i]);
        }
    }

    @Test
    void manySumsInSequenceStayInStep() throws Exception {
        int peers = 3;
        float[][][] rounds = new float[40][][];
        for (int r = 0; r < rounds.length; r++) {
            rounds[r] = random(peers, 500 + r, 100 + r);
        }
        float[][] lastResults = run(peers, 9, (ring, rank) -> {
            float[] mine = null;
            for (float[][] round : rounds) {
                mine = round[rank].clone();
                ring.sum(mine);
                assertThat(mine).isEqualTo(RingAllReduce.sumInRingOrder(round));
            }
            return mine;
        });
        assertThat(lastResults[0]).isEqualTo(lastResults[2]);
    }

    @Test
    void aPeerThatDoesNotConnectIsNamedWithItsAddress() {
        RingEndpoint mine = RingEndpoint.open("127.0.0.1");
        RingEndpoint silent = RingEndpoint.open("127.0.0.1");
        try (mine; silent) {
            List<String> addresses = List.of(mine.address(), silent.address());
            // the silent peer listens (so connecting to it succeeds) but never joins, so it never connects back
            assertThatThrownBy(() -> mine.join(1, 0, addresses, Duration.ofMillis(500), SILENCE))
                    .isInstanceOf(RingException.class)
                    .hasMessage("ring peer 1 at " + silent.address() + " did not connect within 0.5 s");
        }
    }

    @Test
    void aPeerThatDoesNotListenIsNamedWithItsAddress() {
        // mine opens first: a port freed before it opened could be handed to mine, which would then reach itself
        try (RingEndpoint mine = RingEndpoint.open("127.0.0.1")) {
            RingEndpoint gone = RingEndpoint.open("127.0.0.1");
            String goneAddress = gone.address();
            gone.close();
            List<String> addresses = List.of(mine.address(), goneAddress);
            assertThatThrownBy(() -> mine.join(1, 0, addresses, Duration.ofMillis(300), SILENCE))
                    .isInstanceOf(RingException.class)
                    .hasMessageStartingWith("ring peer 1 at " + goneAddress + " did not accept a connection within 0.3 s");
        }
    }

    @Test
    void arraysOfDifferentLengthsFailOnBothPeers() {
        assertThatThrownBy(() -> run(2, 10, (ring, rank) -> {
            ring.sum(new float[100 + rank]);
            return null;
        })).hasRootCauseInstanceOf(RingException.class)
                .rootCause().hasMessageMatching("ring peer 1 at .* sums 101 floats in its call 1, but peer 0 sums 100 in its call 1"
                        + "|ring peer 0 at .* sums 100 floats in its call 1, but peer 1 sums 101 in its call 1");
    }

    @Test
    void aConnectionOfAnotherRingIsIgnored() throws Exception {
        RingEndpoint a = RingEndpoint.open("127.0.0.1");
        RingEndpoint b = RingEndpoint.open("127.0.0.1");
        try (a; b) {
            List<String> addresses = List.of(a.address(), b.address());
            // a peer of an earlier attempt (ring 1) reaches b before the peers of ring 2 do
            RingEndpoint stale = RingEndpoint.open("127.0.0.1");
            Future<?> old = threads.submit(() -> {
                try (stale) {
                    return stale.join(1, 0, List.of(stale.address(), b.address()), Duration.ofMillis(300), SILENCE);
                }
            });
            assertThatThrownBy(old::get).hasCauseInstanceOf(RingException.class);
            Future<float[]> first = threads.submit(() -> sumOnce(a, 0, addresses));
            float[] second = sumOnce(b, 1, addresses);
            assertThat(first.get()).containsExactly(3f, 3f);
            assertThat(second).containsExactly(3f, 3f);
        }
    }

    private static float[] sumOnce(RingEndpoint endpoint, int rank, List<String> addresses) {
        try (RingAllReduce ring = endpoint.join(2, rank, addresses, CONNECT, SILENCE)) {
            float[] values = {rank + 1, rank + 1};
            ring.sum(values);
            return values;
        }
    }

    interface PeerWork {
        float[] run(RingAllReduce ring, int rank) throws Exception;
    }

    private static float[][] run(int peers, long ringId, PeerWork work) throws Exception {
        return LoopbackRing.run(peers, ringId, ring -> work.run(ring, ring.rank())).toArray(new float[0][]);
    }

    private static float[][] random(int peers, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] values = new float[peers][length];
        for (float[] v : values) {
            for (int i = 0; i < length; i++) {
                // magnitudes over several orders, so that a different summation order would show
                v[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 4)));
            }
        }
        return values;
    }
}
