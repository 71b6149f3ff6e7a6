package org.neurite.launcher.run;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurite.engine.io.AtomicFiles;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.engine.train.TrainingState;

/**
 * Draws the learning curves with XChart into one PNG: loss by epoch and, for classifiers,
 * accuracy by epoch, each for the training and the validation data, with the best epoch (lowest
 * validation loss, else training loss) and the final test measure marked; then the learning rate
 * by epoch. Legends sit inside the plots; the epoch axis is labelled on whole epochs only. The picture is redrawn
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
    private Evaluation test;

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

    /**
     * Marks the final model's test measures on the charts (a level line each) and redraws them.
     *
     * @param evaluation the test evaluation
     */
    public void test(Evaluation evaluation) {
        this.test = evaluation;
        draw();
    }

    /** Draws the charts of the epochs so far: loss, accuracy (for classifiers), learning rate. */
    void draw() {
        if (history.isEmpty()) {
            return;
        }
        int best = bestEpoch();
        List<XYChart> charts = new ArrayList<>();
        charts.add(chart("Loss", "loss", EpochResult::loss, EpochResult::validationLoss, best,
                test == null ? Double.NaN : test.loss()));
        if (history.stream().anyMatch(r -> !Double.isNaN(r.accuracy()) || !Double.isNaN(r.validationAccuracy()))) {
            charts.add(chart("Accuracy", "accuracy", EpochResult::accuracy, EpochResult::validationAccuracy, best,
                    test == null ? Double.NaN : test.accuracy()));
        }
        charts.add(learningRate());
        try {
            AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(), out,
                    BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The epoch of the lowest validation loss, else of the lowest training loss. */
    int bestEpoch() {
        boolean validated = history.stream().anyMatch(r -> Double.isFinite(r.validationLoss()));
        ToDoubleFunction<EpochResult> measure = validated ? EpochResult::validationLoss : EpochResult::loss;
        EpochResult best = null;
        for (EpochResult r : history) {
            double v = measure.applyAsDouble(r);
            if (Double.isFinite(v) && (best == null || v < measure.applyAsDouble(best))) {
                best = r;
            }
        }
        return best == null ? -1 : best.epoch();
    }

    private XYChart chart(String title, String measure, ToDoubleFunction<EpochResult> train,
                          ToDoubleFunction<EpochResult> validation, int best, double testValue) {
        XYChart chart = base(title, measure);
        series(chart, "training", train);
        series(chart, "validation", validation);
        double[] range = range(chart);
        if (best > 0 && history.size() > 1 && range != null) {
            chart.addSeries("best epoch " + best, new double[] {best, best}, range)
                    .setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH).setLineColor(Color.GRAY);
        }
        if (Double.isFinite(testValue)) {
            double first = history.get(0).epoch();
            double last = history.get(history.size() - 1).epoch();
            chart.addSeries(String.format(Locale.ROOT, "test %.4f", testValue), new double[] {first, last},
                    new double[] {testValue, testValue}).setMarker(SeriesMarkers.NONE)
                    .setLineStyle(SeriesLines.DOT_DOT).setLineColor(Color.BLACK);
        }
        return chart;
    }

    private XYChart learningRate() {
        XYChart chart = base("Learning rate", "learning rate");
        chart.getStyler().setYAxisDecimalPattern("0.0##E0");
        series(chart, "learning rate", EpochResult::learningRate);
        return chart;
    }

    /** A chart with the house style: legend inside, epochs on whole numbers only. */
    private XYChart base(String title, String measure) {
        XYChart chart = new XYChartBuilder().width(640).height(360).title(title).xAxisTitle("epoch")
                .yAxisTitle(measure).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("0.0###");
        chart.getStyler().setXAxisTickMarkSpacingHint(80);
        // the axis picks round steps itself; a fractional epoch (2.5 of 4 epochs) is left unlabelled
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9
                ? Long.toString(Math.round(x)) : "");
        return chart;
    }

    /** The lowest and highest value the chart's series plot, or null for none. */
    private static double[] range(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double v : series.getYData()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max ? new double[] {min, max} : null;
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
            chart.addSeries(name, x, y).setMarker(history.size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
    }
}
