package org.neurite.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.train.ConfusionMatrix;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Evaluation;

class LearningCurvesTest {

    @TempDir
    Path dir;

    private static EpochResult epoch(int e, double loss, double valLoss) {
        return new EpochResult(e, loss, 0.5 + e / 100.0, valLoss, 0.5, 1.0, 0.01 / e);
    }

    @Test
    void theBestEpochIsThatOfTheLowestValidationLossElseTrainingLoss() {
        LearningCurves withValidation = new LearningCurves(dir.resolve("a.png"), 0);
        LearningCurves without = new LearningCurves(dir.resolve("b.png"), 0);
        double[] val = {0.9, 0.5, 0.4, 0.45, 0.6};
        for (int e = 1; e <= 5; e++) {
            withValidation.onEpochEnd(null, epoch(e, 1.0 / e, val[e - 1]));
            without.onEpochEnd(null, epoch(e, 1.0 / e, Double.NaN));
        }

        assertThat(withValidation.bestEpoch()).isEqualTo(3);
        assertThat(without.bestEpoch()).isEqualTo(5);
    }

    @Test
    void drawsThePanelsForAnyNumberOfEpochsWithTheTestResult() throws IOException {
        for (int epochs : new int[] {1, 3, 7, 250}) {
            Path png = dir.resolve("curves-" + epochs + ".png");
            LearningCurves curves = new LearningCurves(png, 0);
            for (int e = 1; e <= epochs; e++) {
                curves.onEpochEnd(null, epoch(e, 1.0 / e, 1.2 / e));
            }
            ConfusionMatrix m = new ConfusionMatrix(2);
            m.add(CpuBackend.instance().tensor(new float[] {2, 1, 2, 1}, Shape.of(2, 2)),
                    CpuBackend.instance().tensor(new float[] {0, 1}, Shape.of(2)));
            curves.test(new Evaluation(2, 0.3, m));

            assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
            // three panels side by side: loss, accuracy, learning rate
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(3 * 640);
        }
    }
}
