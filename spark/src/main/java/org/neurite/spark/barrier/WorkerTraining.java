package org.neurite.spark.barrier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.CheckpointWriter;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.spark.averaging.ParameterAveraging;
import org.neurite.spark.ring.RingAllReduce;
import org.neurite.spark.travel.TemporaryFolder;

/**
 * One worker of a barrier run: builds its model, loss, optimizer and data from the recipe, joins
 * the ring to the trainer (as its step's gradients or as a listener that averages parameters) and
 * trains. Worker 0 also measures the recipe's validation data after every epoch and writes its
 * checkpoints, which travel back with its result. Nothing here knows Spark, so the modes run the
 * same between threads of one JVM.
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
        try {
            return train(recipe, mode, ring, attempt);
        } finally {
            recipe.release();
        }
    }

    private static WorkerResult train(TrainingRecipe recipe, BarrierMode mode, RingAllReduce ring, int attempt) {
        Model model = recipe.model();
        Loss loss = recipe.loss();
        Optimizer optimizer = recipe.optimizer(model);
        Dataset data = recipe.trainingData();
        // worker 0 measures the validation data, as one machine does; the others would only repeat it
        Dataset validation = ring.rank() == 0 ? recipe.validationData() : null;
        CheckpointPlan plan = ring.rank() == 0 ? recipe.checkpoints() : null;
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
        Dataset train = data;
        RingGradients ringGradients = gradients;
        ParameterAveraging parameterAveraging = averaging;
        return TemporaryFolder.use("neurite-checkpoints", folder -> {
            if (plan != null) {
                trainer.listener(new CheckpointWriter(folder, plan.every()).keepLast(plan.keepLast()));
            }
            long start = System.nanoTime();
            Trainer built = trainer.build();
            TrainingHistory history = built.fit(train, validation);
            if (!mode.averaging()) {
                // buffers (batch norm's running statistics) followed each worker's own share of the batches
                ParameterAveraging.averageOnce(ring, buffers(model.parameters()));
            }
            long trainNanos = System.nanoTime() - start;
            long ringNanos = parameterAveraging != null ? parameterAveraging.nanos() : ringGradients.ringNanos();
            byte[] weights = WeightsFile.bytes(model.parameters());
            List<EpochFigures> epochs = history.epochs().stream().map(EpochFigures::of).toList();
            return new WorkerResult(ring.rank(), weights, WorkerResult.digestOf(weights), epochs, built.steps(),
                    ringNanos, trainNanos, plan == null ? Map.of() : files(folder));
        });
    }

    /** Every file under a folder by its path there, with '/' between names. */
    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                files.put(folder.relativize(file).toString().replace(java.io.File.separatorChar, '/'),
                        Files.readAllBytes(file));
            }
        }
        return files;
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
