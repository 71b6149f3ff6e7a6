package org.neurite.launcher.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurite.engine.io.AtomicFiles;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.engine.train.TrainingState;

/**
 * Draws the learning curves with XChart into one PNG: loss by epoch and, for classifiers,
 * accuracy by epoch, each for the training and the validation data. The picture is redrawn
 * (atomically) after every epoch that took a checkpoint and at the end of the run.
 */
public final class LearningCurves implements TrainingListener {

    static {
        // charts are drawn off-screen; no display is needed or wanted
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final Path file;
    private final int every;
    private final List<EpochResult> history = new ArrayList<>();

    /**
     * @param file the PNG file
     * @param every redraw after every this many epochs (and at the end); 0 only at the end
     */
    public LearningCurves(Path file, int every) {
        this.file = file;
        this.every = every;
    }

    @Override
    public void onResume(Trainer trainer, TrainingState from) {
        history.clear();
        history.addAll(from.history());
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        history.add(result);
        if (every > 0 && result.epoch() % every == 0) {
            draw();
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory done) {
        draw();
    }

    /** Draws the charts of the epochs so far. */
    void draw() {
        if (history.isEmpty()) {
            return;
        }
        List<XYChart> charts = new ArrayList<>();
        charts.add(chart("Loss", "loss", EpochResult::loss, EpochResult::validationLoss));
        if (history.stream().anyMatch(r -> !Double.isNaN(r.accuracy()) || !Double.isNaN(r.validationAccuracy()))) {
            charts.add(chart("Accuracy", "accuracy", EpochResult::accuracy, EpochResult::validationAccuracy));
        }
        try {
            AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(), out,
                    BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private XYChart chart(String title, String measure, ToDoubleFunction<EpochResult> train,
                          ToDoubleFunction<EpochResult> validation) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle(measure).build();
        series(chart, "training", train);
        series(chart, "validation", validation);
        return chart;
    }

    private void series(XYChart chart, String name, ToDoubleFunction<EpochResult> measure) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochResult r : history) {
            double v = measure.applyAsDouble(r);
            if (Double.isFinite(v)) {
                x.add(r.epoch());
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
