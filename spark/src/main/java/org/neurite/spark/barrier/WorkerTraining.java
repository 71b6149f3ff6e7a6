package org.neurite.spark.barrier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Loss;
import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.train.Checkpoint;
import org.neurite.engine.train.CheckpointWriter;
import org.neurite.engine.train.EarlyStopping;
import org.neurite.engine.train.Monitor;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.engine.train.TrainingState;
import org.neurite.spark.averaging.ParameterAveraging;
import org.neurite.spark.ring.RingAllReduce;
import org.neurite.spark.travel.TemporaryFolder;

/**
 * One worker of a barrier run: builds its model, loss, optimizer and data from the recipe, joins
 * the ring to the trainer (as its step's gradients or as a listener that averages parameters) and
 * trains, from the start or from the recipe's checkpoint. Worker 0 also measures the recipe's
 * validation data after every epoch, runs its stop rules (every worker then stops after the same
 * epoch: {@link StopAgreement}) and writes its checkpoints, which travel back with its result and,
 * when the driver listens, to the driver as they are written ({@link LeaderReports}). Nothing here
 * knows Spark, so the modes run the same between threads of one JVM.
 */
public final class WorkerTraining {

    /** How long worker 0 tries to reach the driver for its reports. */
    private static final int CONNECT_MILLIS = 60_000;

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
        return run(recipe, mode, ring, attempt, null);
    }

    /**
     * @param recipe what to train
     * @param mode how the workers train together
     * @param ring the workers' ring, this worker at {@link RingAllReduce#rank()}
     * @param attempt the attempt of the barrier stage, from 0 (for the recipe's listeners)
     * @param reportTo the driver's {@code host:port} that worker 0 tells its epochs, steps and
     *     checkpoint files as they come ({@link BarrierReports}), or {@code null} for none
     * @return the final weights (the same on every worker) and the worker's figures
     */
    public static WorkerResult run(TrainingRecipe recipe, BarrierMode mode, RingAllReduce ring, int attempt,
                                   String reportTo) {
        try {
            return train(recipe, mode, ring, attempt, reportTo);
        } finally {
            recipe.release();
        }
    }

    private static WorkerResult train(TrainingRecipe recipe, BarrierMode mode, RingAllReduce ring, int attempt,
                                      String reportTo) {
        Model model = recipe.model();
        Loss loss = recipe.loss();
        Optimizer optimizer = recipe.optimizer(model);
        Dataset data = recipe.trainingData();
        boolean leader = ring.rank() == 0;
        // worker 0 measures the validation data, as one machine does; the others would only repeat it
        Dataset validation = leader ? recipe.validationData() : null;
        CheckpointPlan plan = leader ? recipe.checkpoints() : null;
        ResumePoint resume = recipe.resumeFrom();
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
        List<TrainingListener> rules = recipe.stopRules(data);
        if (leader) {
            rules.forEach(trainer::listener);
        }
        Dataset train = data;
        RingGradients ringGradients = gradients;
        ParameterAveraging parameterAveraging = averaging;
        return TemporaryFolder.use("neurite-checkpoints", folder -> {
            TrainingState from = TrainingState.start();
            if (resume != null) {
                from = restore(resume, folder, model, optimizer);
            }
            if (plan != null) {
                trainer.listener(writer(plan, folder, rules));
            }
            if (!rules.isEmpty()) {
                // after worker 0's rules and checkpoints: every worker stops after the epoch they chose
                trainer.listener(new StopAgreement(ring));
            }
            LeaderReports reports = leader && reportTo != null
                    ? LeaderReports.connect(reportTo, attempt, folder, CONNECT_MILLIS) : null;
            try {
                if (reports != null) {
                    trainer.listener(reports);
                }
                long start = System.nanoTime();
                Trainer built = trainer.build();
                TrainingHistory history = built.fit(train, validation, from);
                if (!mode.averaging()) {
                    // buffers (batch norm's running statistics) followed each worker's own share of the batches
                    ParameterAveraging.averageOnce(ring, buffers(model.parameters()));
                }
                long trainNanos = System.nanoTime() - start;
                long ringNanos = parameterAveraging != null ? parameterAveraging.nanos() : ringGradients.ringNanos();
                byte[] weights = WeightsFile.bytes(model.parameters());
                List<EpochFigures> epochs = history.epochs().stream().map(EpochFigures::of).toList();
                return new WorkerResult(ring.rank(), weights, WorkerResult.digestOf(weights), epochs, built.steps(),
                        ringNanos, trainNanos,
                        // files the driver was told already do not travel twice
                        plan == null || reports != null ? Map.of() : LeaderReports.files(folder));
            } finally {
                if (reports != null) {
                    reports.close();
                }
            }
        });
    }

    /** Writes the run folder's checkpoints here and restores the resumed one into the model and optimizer. */
    private static TrainingState restore(ResumePoint resume, Path folder, Model model, Optimizer optimizer)
            throws IOException {
        for (Map.Entry<String, byte[]> file : resume.files().entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        Checkpoint checkpoint = Checkpoint.at(folder, resume.epoch()).orElseThrow(
                () -> new IllegalStateException("resume: the checkpoint of epoch " + resume.epoch()
                        + " did not reach the executor whole (state, weights and optimizer files)"));
        return checkpoint.restore(model.parameters(), optimizer);
    }

    /** Worker 0's checkpoints, keeping the latest and the best as one machine's run would. */
    private static CheckpointWriter writer(CheckpointPlan plan, Path folder, List<TrainingListener> rules) {
        CheckpointWriter writer = new CheckpointWriter(folder, plan.every()).keepLast(plan.keepLast());
        if (plan.keepBest() != null) {
            writer.keepBest(Monitor.of(plan.keepBest()));
        }
        if (plan.keepEarlyStoppingBest()) {
            rules.stream().filter(EarlyStopping.class::isInstance).map(EarlyStopping.class::cast).findFirst()
                    .ifPresent(writer::keepBest);
        }
        return writer;
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
