package org.neurite.spark.barrier;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.spark.api.java.function.Function;

/**
 * The body of a task that checks, on an executor, that a recipe builds there: its model (with the
 * plugins it needs), loss, optimizer, training and validation data. It answers with the problem's
 * first line rather than failing, so that the driver tells it in one line without Spark retrying a
 * task that cannot succeed; when all built, with the recipe's description of its data.
 */
final class RecipeCheck implements Function<Integer, RecipeCheck.Answer> {

    /**
     * What a check found.
     *
     * @param problem the first problem's line, or {@code null} when all built
     * @param data the recipe's {@link TrainingRecipe#describeData()}, or {@code null}
     */
    record Answer(String problem, String data) implements java.io.Serializable {
    }

    private static final long serialVersionUID = 1L;

    private final TrainingRecipe recipe;

    RecipeCheck(TrainingRecipe recipe) {
        this.recipe = recipe;
    }

    @Override
    public Answer call(Integer task) {
        try {
            recipe.optimizer(recipe.model());
            recipe.loss();
            recipe.trainingData();
            recipe.validationData();
            return new Answer(null, recipe.describeData());
        } catch (RuntimeException | LinkageError e) {
            return new Answer("on the executor at " + host() + ": " + firstLine(e), null);
        } finally {
            recipe.release();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "an unknown host";
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end);
    }
}
