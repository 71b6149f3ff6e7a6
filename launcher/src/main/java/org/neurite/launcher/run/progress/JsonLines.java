package org.neurite.launcher.run.progress;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * Progress for programs ({@code --log-format json}): one JSON object per line, for every
 * {@code everySteps}-th step ({@code {"event":"step","epoch":1,"step":100,"loss":0.52}}) and for
 * every epoch ({@code {"event":"epoch","epoch":1,"loss":...,"accuracy":...,"val_loss":...,
 * "val_accuracy":...,"lr":...,"seconds":...}}); measures not taken are left out.
 */
public final class JsonLines implements TrainingListener {

    private final PrintWriter out;
    private final int everySteps;

    /**
     * @param out where the objects go
     * @param everySteps how often a step is reported; 0 for epochs only
     */
    public JsonLines(PrintWriter out, int everySteps) {
        this.out = out;
        this.everySteps = everySteps;
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
        if (everySteps > 0 && step % everySteps == 0) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("epoch", epoch);
            fields.put("step", step);
            fields.put("loss", loss);
            out.println(Progress.object("step", fields));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("epoch", r.epoch());
        fields.put("loss", r.loss());
        fields.put("accuracy", r.accuracy());
        fields.put("val_loss", r.validationLoss());
        fields.put("val_accuracy", r.validationAccuracy());
        fields.put("lr", r.learningRate());
        fields.put("seconds", r.seconds());
        out.println(Progress.object("epoch", fields));
        out.flush();
    }
}
