package org.neurite.launcher.config;

import java.util.Comparator;
import java.util.List;

import org.neurite.api.OptionException;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.ModelSummary;
import org.neurite.engine.tensor.MemoryBudget;

/**
 * The least memory a run needs, checked against the heap before any data is read: the weights
 * and their gradients, and one batch of every layer's output. It is a lower bound (optimizer
 * state, backward buffers and the data come on top), so a run it refuses could never have
 * finished; a run it passes may still be too large, and then fails with a one-line message.
 */
final class RunMemory {

    private RunMemory() {
    }

    /**
     * @param model the model as built
     * @param batchSize the configured batch size; 0 for full batches
     * @param samples the training samples when the config tells them, else 0
     * @return the estimate in bytes
     * @throws OptionException at {@code model} or {@code training.batch_size} if the heap is smaller
     */
    static long check(Model model, int batchSize, long samples) {
        List<ModelSummary.Row> rows = ModelSummary.rows(model);
        double weights = 2.0 * Float.BYTES * ModelSummary.count(model);
        long batch = batchSize == 0 ? samples : samples > 0 ? Math.min(batchSize, samples) : batchSize;
        double perSample = 0;
        for (ModelSummary.Row row : rows) {
            perSample += (double) Float.BYTES * row.outputShape().size();
        }
        double outputs = perSample * batch;
        long heap = MemoryBudget.heap();
        if (weights > heap) {
            throw new OptionException("model", "its " + ModelSummary.count(model) + " parameters and their gradients"
                    + " need " + MemoryBudget.bytes((long) weights) + ", more than the whole heap ("
                    + MemoryBudget.bytes(heap) + "); make the layers smaller or raise the heap with JAVA_OPTS=-Xmx...");
        }
        if (weights + outputs > heap) {
            ModelSummary.Row largest = rows.stream().max(Comparator.comparingLong(r -> r.outputShape().size())).get();
            throw new OptionException("training.batch_size", "a batch of " + batch + " needs at least "
                    + MemoryBudget.bytes((long) Math.min(Long.MAX_VALUE, weights + outputs))
                    + " (the layers' outputs, the largest " + largest.name() + " (" + largest.type() + ") "
                    + largest.outputShape() + " per sample, and the weights with their gradients), more than the"
                    + " whole heap (" + MemoryBudget.bytes(heap) + "); lower the batch size or the layers' sizes,"
                    + " or raise the heap with JAVA_OPTS=-Xmx...");
        }
        return (long) (weights + outputs);
    }
}
