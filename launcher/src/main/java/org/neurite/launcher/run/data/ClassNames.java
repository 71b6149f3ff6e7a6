package org.neurite.launcher.run.data;

import java.util.List;

import org.neurite.api.SampleSet;
import org.neurite.engine.inference.Predictor;
import org.neurite.launcher.config.ConfigException;

/**
 * The class names of a run: given in the config ({@code data.classes}) or read with the training
 * data (a CSV's string labels, an image folder's subfolders). A source that names its own classes
 * (a test CSV, a test image folder) may hold fewer of them or list them in another order: its
 * labels are renumbered to the run's classes by name, so that class 3 means the same everywhere.
 */
public final class ClassNames {

    private ClassNames() {
    }

    /**
     * @param configured the names of {@code data.classes}, or {@code null}
     * @param train the training samples
     * @return the run's class names, or {@code null} if nothing names them
     */
    static List<String> of(List<String> configured, SampleSet train) {
        return configured != null ? configured : namesOf(train);
    }

    /**
     * @param samples samples as read
     * @return the names they carry, or {@code null}
     */
    static List<String> namesOf(SampleSet samples) {
        return samples.info().get(Predictor.CLASS_NAMES) instanceof List<?> list
                && list.stream().allMatch(String.class::isInstance)
                ? list.stream().map(String.class::cast).toList() : null;
    }

    /**
     * Renumbers the labels of samples that name their classes to the run's classes.
     *
     * @param samples the samples of one source
     * @param names the run's class names, or {@code null}
     * @param location where the source is configured, for messages
     * @param path its key path, such as {@code data.test}
     * @return the samples, their labels as indices of {@code names}
     * @throws ConfigException if a class of the source is not one of the run's
     */
    public static SampleSet aligned(SampleSet samples, List<String> names, String location, String path) {
        List<String> own = namesOf(samples);
        if (names == null || own == null || own.equals(names) || samples.targets().shape().rank() != 0) {
            return samples;
        }
        int[] index = new int[own.size()];
        for (int c = 0; c < own.size(); c++) {
            index[c] = names.indexOf(own.get(c));
            if (index[c] < 0) {
                throw ConfigException.at(location, path, "the class '" + own.get(c) + "' of " + samples.source()
                        + " is not one of the run's classes " + names);
            }
        }
        float[] labels = samples.targets().values().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index[(int) labels[i]];
        }
        java.util.Map<String, Object> info = new java.util.LinkedHashMap<>(samples.info());
        info.put(Predictor.CLASS_NAMES, names);
        return SampleSet.of(samples.source(), samples.inputs(), new SampleSet.Column(labels, samples.targets().shape()),
                samples.classes() > 0 ? names.size() : 0, info);
    }
}
