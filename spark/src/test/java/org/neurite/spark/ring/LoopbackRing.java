package org.neurite.spark.ring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the peers of a ring as threads of this JVM, connected over the loopback interface. */
public final class LoopbackRing {

    /** What one peer does with its ring. */
    public interface PeerWork<T> {
        T run(RingAllReduce ring) throws Exception;
    }

    private LoopbackRing() {
    }

    /**
     * @param peers the number of peers
     * @param ringId the ring's id
     * @param work what each peer does
     * @return each peer's result, by rank
     * @throws ExecutionException the first peer's failure
     */
    public static <T> List<T> run(int peers, long ringId, PeerWork<T> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(peers);
        try {
            List<RingEndpoint> endpoints = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            for (int p = 0; p < peers; p++) {
                endpoints.add(RingEndpoint.open("127.0.0.1"));
                addresses.add(endpoints.get(p).address());
            }
            List<Future<T>> futures = new ArrayList<>();
            for (int p = 0; p < peers; p++) {
                int rank = p;
                futures.add(threads.submit(() -> {
                    try (RingEndpoint endpoint = endpoints.get(rank);
                            RingAllReduce ring = endpoint.join(ringId, rank, addresses, Duration.ofSeconds(10),
                                    Duration.ofSeconds(60))) {
                        return work.run(ring);
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    // the other peers see the failing one close its connections; end them all
                    threads.shutdownNow();
                    throw e;
                }
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
