package org.neurite.spark.sync;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.engine.data.Dataset;
import org.neurite.pluginloader.PluginSet;
import org.neurite.spark.travel.TrainingParts;

/**
 * The workers of an executor's JVM, by job: built on the first task of a job from the parts the
 * job sent, then reused by its later tasks, one worker per task running at once. A JVM keeps the
 * workers of its two latest jobs, and one copy of each job's training data for all its workers; {@link #forget} drops a job's at once (where the driver shares
 * the JVM, as in {@code local[N]}).
 */
final class Workers {

    private static final int JOBS_KEPT = 2;
    private static final Map<String, Pool> POOLS = new LinkedHashMap<>();

    private Workers() {
    }

    /** The idle workers of one job and the plugins they were built with. */
    private static final class Pool {
        final Deque<Worker> idle = new ArrayDeque<>();
        PluginSet plugins;
        Dataset data;
    }

    /**
     * @param job the job's id
     * @param parts what the job sent, to build a worker if none is idle
     * @return a worker for this task alone; give it back with {@link #release}
     */
    static Worker take(String job, TrainingParts parts) {
        Pool pool;
        synchronized (POOLS) {
            pool = POOLS.computeIfAbsent(job, j -> new Pool());
            Worker idle = pool.idle.poll();
            if (idle != null) {
                return idle;
            }
            if (pool.plugins == null) {
                // PF4J loads from one thread: the first task of the job loads the plugins for all
                pool.plugins = parts.plugins().load();
                pool.data = parts.data().toDataset();
            }
            while (POOLS.size() > JOBS_KEPT) {
                String oldest = POOLS.keySet().iterator().next();
                close(POOLS.remove(oldest));
            }
        }
        return new Worker(parts, pool.data, pool.plugins.components());
    }

    /** Gives a worker back to its job's pool. */
    static void release(String job, Worker worker) {
        synchronized (POOLS) {
            Pool pool = POOLS.get(job);
            if (pool != null) {
                pool.idle.push(worker);
            }
        }
    }

    /** Drops a job's workers and unloads its plugins. */
    static void forget(String job) {
        synchronized (POOLS) {
            close(POOLS.remove(job));
        }
    }

    private static void close(Pool pool) {
        if (pool != null && pool.plugins != null) {
            pool.plugins.close();
        }
    }
}
