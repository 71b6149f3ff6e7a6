package org.neurite.spark.barrier;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.spark.averaging.ParameterAveraging;
import org.neurite.spark.ring.RingAllReduce;

/**
 * One worker of a barrier run: builds its model, loss, optimizer and data from the recipe, joins
 * the ring to the trainer (as its step's gradients or as a listener that averages parameters) and
 * trains. Nothing here knows Spark, so the modes run the same between threads of one JVM.
 */
public final class WorkerTraining {

    private WorkerTraining() {
    }

    /**
     * @param recipe what to train
     * @param mode how the workers train together
     * @param ring the workers' ring, this worker at {@link RingAllReduce#rank()}
     * @param attempt the attempt of the barrier stage, from 0 (for the recipe's listeners)
     * @return the final weights (the same on every worker) and the worker's figures
     */
    public static WorkerResult run(TrainingRecipe recipe, BarrierMode mode, RingAllReduce ring, int attempt) {
        Model model = recipe.model();
        Loss loss = recipe.loss();
        Optimizer optimizer = recipe.optimizer(model);
        Dataset data = recipe.trainingData();
        Trainer.Builder trainer = recipe.configure(Trainer.builder(model, loss, optimizer));
        RingGradients gradients = null;
        ParameterAveraging averaging = null;
        if (mode.averaging()) {
            data = share(data, ring.rank(), ring.size());
            // each worker its own data order and dropout; worker 0 that of one machine
            trainer.seed(recipe.seed() + ring.rank());
            averaging = new ParameterAveraging(ring, mode.averageEvery(), model.parameters());
            trainer.listener(averaging);
        } else {
            trainer.seed(recipe.seed());
            gradients = new RingGradients(model, loss, ring);
            trainer.stepGradients(gradients);
        }
        recipe.listeners(ring.rank(), attempt).forEach(trainer::listener);
        long start = System.nanoTime();
        Trainer built = trainer.build();
        TrainingHistory history = built.fit(data);
        if (!mode.averaging()) {
            // buffers (batch norm's running statistics) followed each worker's own share of the batches
            ParameterAveraging.averageOnce(ring, buffers(model.parameters()));
        }
        long trainNanos = System.nanoTime() - start;
        long ringNanos = averaging != null ? averaging.nanos() : gradients.ringNanos();
        byte[] weights = WeightsFile.bytes(model.parameters());
        return new WorkerResult(ring.rank(), weights, WorkerResult.digestOf(weights), history.losses(), built.steps(),
                ringNanos, trainNanos);
    }

    /**
     * A worker's share of the data for local SGD: samples {@code rank, rank + P, rank + 2P, ...},
     * all shares of one size (up to P - 1 samples at the end are left out) so that every worker
     * takes the same number of steps.
     *
     * @param data the whole training data
     * @param rank the worker
     * @param workers the number of workers, P
     * @return the share
     * @throws IllegalArgumentException if there are more workers than samples
     */
    public static Dataset share(Dataset data, int rank, int workers) {
        int each = data.size() / workers;
        if (each == 0) {
            throw new IllegalArgumentException("local SGD: " + workers + " workers but only " + data.size()
                    + " training samples; use at most " + data.size() + " workers");
        }
        int[] samples = new int[each];
        for (int i = 0; i < each; i++) {
            samples[i] = rank + i * workers;
        }
        return data.subset(samples);
    }

    private static Map<String, Parameter> buffers(Map<String, Parameter> parameters) {
        Map<String, Parameter> buffers = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (!p.trainable()) {
                buffers.put(name, p);
            }
        });
        return buffers;
    }
}
