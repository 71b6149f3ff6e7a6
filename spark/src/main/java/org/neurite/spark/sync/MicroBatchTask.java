package org.neurite.spark.sync;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.neurite.spark.travel.TrainingParts;

/**
 * The task of one partition in one step: load the step's weights into a worker of this executor
 * and compute the gradients of the partition's micro-batches. What it holds is what travels with
 * every task: the job's id, the handle of the job's broadcast parts, the weights as safetensors
 * bytes, the seed and the step; never a model object.
 *
 * @param job the job's id, by which executors keep their workers
 * @param parts the broadcast parts of the job
 * @param weights the step's weights, safetensors bytes
 * @param seed the run's seed
 * @param step the run's step
 */
record MicroBatchTask(String job, Broadcast<TrainingParts> parts, byte[] weights, long seed, long step)
        implements FlatMapFunction<Iterator<MicroBatch>, MicroGradient> {

    @Override
    public Iterator<MicroGradient> call(Iterator<MicroBatch> micro) {
        List<MicroGradient> out = new ArrayList<>();
        if (!micro.hasNext()) {
            return out.iterator();
        }
        Worker worker = Workers.take(job, parts.value());
        try {
            worker.weights(weights);
            while (micro.hasNext()) {
                MicroBatch next = micro.next();
                // an empty micro-batch only asks for the worker to be built (the job's check)
                if (next.samples().length > 0) {
                    out.add(worker.gradients(next, seed, step));
                }
            }
        } finally {
            Workers.release(job, worker);
        }
        return out.iterator();
    }
}
