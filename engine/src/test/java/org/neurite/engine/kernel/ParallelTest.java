package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParallelTest {

    @ParameterizedTest(name = "count={0} minChunk={1}")
    @CsvSource({"1,1", "2,1", "3,1", "7,2", "100,1", "1000,7", "1001,1000", "5,10"})
    void visitsEveryIndexExactlyOnce(int count, int minChunk) {
        AtomicIntegerArray visits = new AtomicIntegerArray(count);
        Parallel.forRange(count, minChunk, (start, end) -> {
            assertThat(end - start).isPositive();
            for (int i = start; i < end; i++) {
                visits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < count; i++) {
            assertThat(visits.get(i)).as("visits of index %d", i).isEqualTo(1);
        }
    }

    @Test
    void chunksAreAtLeastMinChunkAndAtMostOnePerThread() {
        AtomicInteger chunks = new AtomicInteger();
        Parallel.forRange(1000, 300, (start, end) -> {
            chunks.incrementAndGet();
            assertThat(end - start).isGreaterThanOrEqualTo(300);
        });
        assertThat(chunks.get()).isBetween(1, Math.min(3, Parallel.threads()));
    }

    @Test
    void zeroCountRunsNothing() {
        AtomicInteger calls = new AtomicInteger();
        Parallel.forRange(0, 1, (start, end) -> calls.incrementAndGet());
        assertThat(calls.get()).isZero();
    }

    @Test
    void smallWorkRunsOnTheCallingThread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forRange(10, 10, (start, end) -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void insideOnCallingThreadEveryLoopRunsOnTheCallingThreadAndAfterItTheyMaySplitAgain() {
        Set<Thread> inside = ConcurrentHashMap.newKeySet();
        AtomicInteger chunks = new AtomicInteger();
        int result = Parallel.onCallingThread(() -> {
            Parallel.forRange(1000, 1, (start, end) -> {
                inside.add(Thread.currentThread());
                chunks.incrementAndGet();
            });
            return 7;
        });
        assertThat(result).isEqualTo(7);
        assertThat(inside).containsExactly(Thread.currentThread());
        assertThat(chunks.get()).isOne();

        AtomicInteger after = new AtomicInteger();
        Parallel.forRange(1000, 1, (start, end) -> after.incrementAndGet());
        assertThat(after.get()).isEqualTo(Math.min(1000, Parallel.threads()));
    }

    @Test
    void poolSizeFollowsTheMachine() {
        // Surefire does not set neurite.threads.
        assertThat(Parallel.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void exceptionOfAnyChunkReachesTheCallerAfterAllChunksFinish() {
        for (int failing = 0; failing < 2; failing++) {
            int failingChunkStart = failing == 0 ? 0 : 50;
            AtomicIntegerArray visits = new AtomicIntegerArray(100);
            assertThatThrownBy(() -> Parallel.forRange(100, 1, (start, end) -> {
                for (int i = start; i < end; i++) {
                    visits.incrementAndGet(i);
                }
                if (start <= failingChunkStart && failingChunkStart < end) {
                    throw new IllegalStateException("chunk at " + start + " failed");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("chunk at");
            for (int i = 0; i < 100; i++) {
                assertThat(visits.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void failuresOfSeveralChunksAreKeptAsSuppressed() {
        assumeTrue(Parallel.threads() >= 2, "needs a pool of two threads");
        assertThatThrownBy(() -> Parallel.forRange(2, 1, (start, end) -> {
            throw new IllegalArgumentException("chunk " + start);
        })).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }

    @Test
    @Timeout(20)
    void nestedCallsFromPoolThreadsRunInlineWithoutDeadlock() {
        AtomicIntegerArray visits = new AtomicIntegerArray(64 * 64);
        Parallel.forRange(64, 1, (start, end) -> {
            for (int i = start; i < end; i++) {
                int row = i;
                Parallel.forRange(64, 1, (s2, e2) -> {
                    for (int j = s2; j < e2; j++) {
                        visits.incrementAndGet(row * 64 + j);
                    }
                });
            }
        });
        for (int i = 0; i < 64 * 64; i++) {
            assertThat(visits.get(i)).isEqualTo(1);
        }
    }

    @Test
    @Timeout(20)
    void aHelperAsleepIsWokenForTheNextLoop() throws InterruptedException {
        assumeTrue(Parallel.threads() >= 2, "needs a helper thread");
        // Idle far longer than any spin, so that the helper sleeps; each chunk then waits for the
        // other, which only a woken helper can run beside the caller.
        Thread.sleep(50);
        CountDownLatch both = new CountDownLatch(2);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forRange(2, 1, (start, end) -> {
            threads.add(Thread.currentThread());
            both.countDown();
            try {
                assertThat(both.await(10, TimeUnit.SECONDS)).as("the other chunk ran meanwhile").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(threads).hasSize(2).contains(Thread.currentThread());
    }

    @Test
    @Timeout(20)
    void loopsBegunBySeveralThreadsAtOnceEachVisitEveryIndexOnce() throws InterruptedException {
        int callers = 4;
        int loops = 300;
        AtomicIntegerArray visits = new AtomicIntegerArray(callers * 97);
        Thread[] threads = new Thread[callers];
        for (int t = 0; t < callers; t++) {
            int base = t * 97;
            threads[t] = new Thread(() -> {
                for (int loop = 0; loop < loops; loop++) {
                    Parallel.forRange(97, 1, (start, end) -> {
                        for (int i = start; i < end; i++) {
                            visits.incrementAndGet(base + i);
                        }
                    });
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int i = 0; i < callers * 97; i++) {
            assertThat(visits.get(i)).as("visits of index %d", i).isEqualTo(loops);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Parallel.forRange(-1, 1, (s, e) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count=-1");
        assertThatThrownBy(() -> Parallel.forRange(5, 0, (s, e) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minChunk=0");
    }
}
